import { auditRead, clinicProcedure, router, STAFF } from "@/server/trpc";
import { createPatient, getPatient, listPatients, patientHistory, patientPortalLink, updatePatient } from "./patients";
import { keepSelfBooked, mergeSelfBooked, possibleMatches } from "./merge";
import {
  createPatientSchema,
  listPatientsSchema,
  mergePatientSchema,
  patientIdSchema,
  updatePatientSchema,
} from "./schemas";

const staff = () => clinicProcedure({ roles: STAFF });

export const patientsRouter = router({
  list: staff()
    .meta(auditRead("patients.list", "patient", { key: "id" }))
    .input(listPatientsSchema)
    .query(({ ctx, input }) => listPatients(ctx.tx, ctx.clinic.id, input)),
  get: staff()
    .meta(auditRead("patient.read", "patient", { key: "id" }))
    .input(patientIdSchema)
    .query(({ ctx, input }) => getPatient(ctx.tx, ctx.clinic.id, input.id)),
  history: staff()
    .meta(auditRead("patient.history", "patient", { key: "id", from: "input" }))
    .input(patientIdSchema)
    .query(({ ctx, input }) => patientHistory(ctx.tx, ctx.clinic.id, input.id)),
  portalLink: staff()
    .input(patientIdSchema)
    .mutation(({ ctx, input }) =>
      patientPortalLink(ctx.tx, { clinicId: ctx.clinic.id, userId: ctx.user.id }, input.id),
    ),
  create: staff()
    .input(createPatientSchema)
    .mutation(({ ctx, input }) => createPatient(ctx.tx, { clinicId: ctx.clinic.id, userId: ctx.user.id }, input)),
  update: staff()
    .input(updatePatientSchema)
    .mutation(({ ctx, input }) => updatePatient(ctx.tx, { clinicId: ctx.clinic.id, userId: ctx.user.id }, input)),
  /** Charts that may be the same person as a self-booked patient. */
  possibleMatches: staff()
    .input(patientIdSchema)
    .query(({ ctx, input }) => possibleMatches(ctx.tx, ctx.clinic.id, input.id)),
  keepSelfBooked: staff()
    .input(patientIdSchema)
    .mutation(({ ctx, input }) => keepSelfBooked(ctx.tx, { clinicId: ctx.clinic.id, userId: ctx.user.id }, input.id)),
  mergeSelfBooked: staff()
    .input(mergePatientSchema)
    .mutation(({ ctx, input }) => mergeSelfBooked(ctx.tx, { clinicId: ctx.clinic.id, userId: ctx.user.id }, input)),
});

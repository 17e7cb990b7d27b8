import type { Role } from "@/db/schema";
import { PRESCRIBERS } from "@/server/exercises/router";
import { auditRead, clinicProcedure, router, STAFF } from "@/server/trpc";
import { keepSelfBooked, mergeSelfBooked, possibleMatches } from "./merge";
import { createPatient, listPatients, patientHistory, patientPortalLink, readPatient, updatePatient } from "./patients";
import {
  createPatientSchema,
  listPatientsSchema,
  mergePatientSchema,
  patientIdSchema,
  updatePatientSchema,
} from "./schemas";

// Everyone on the staff registers and finds patients; what each sees of a record follows the role
// (the front desk gets no clinical notes). The plan link opens the program, so it is clinical.
const staff = () => clinicProcedure({ roles: STAFF });
const prescribers = () => clinicProcedure({ roles: PRESCRIBERS });
const actor = (ctx: { clinic: { id: string; role: Role }; user: { id: string } }) => ({
  clinicId: ctx.clinic.id,
  userId: ctx.user.id,
  role: ctx.clinic.role,
});

export const patientsRouter = router({
  list: staff()
    .meta(auditRead("patients.list", "patient", { key: "id" }))
    .input(listPatientsSchema)
    .query(({ ctx, input }) => listPatients(ctx.tx, ctx.clinic.id, input, ctx.clinic)),
  get: staff()
    .meta(auditRead("patient.read", "patient", { key: "id" }))
    .input(patientIdSchema)
    .query(({ ctx, input }) => readPatient(ctx.tx, ctx.clinic.id, input.id, ctx.clinic)),
  history: staff()
    .meta(auditRead("patient.history", "patient", { key: "id", from: "input" }))
    .input(patientIdSchema)
    .query(({ ctx, input }) => patientHistory(ctx.tx, ctx.clinic.id, input.id)),
  portalLink: prescribers()
    .input(patientIdSchema)
    .mutation(({ ctx, input }) =>
      patientPortalLink(ctx.tx, { clinicId: ctx.clinic.id, userId: ctx.user.id }, input.id),
    ),
  create: staff()
    .input(createPatientSchema)
    .mutation(({ ctx, input }) => createPatient(ctx.tx, actor(ctx), input)),
  update: staff()
    .input(updatePatientSchema)
    .mutation(({ ctx, input }) => updatePatient(ctx.tx, actor(ctx), input)),
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

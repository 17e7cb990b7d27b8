import { auditRead, clinicProcedure, router, STAFF } from "@/server/trpc";
import { createPatient, getPatient, listPatients, patientHistory, patientPortalLink, updatePatient } from "./patients";
import { createPatientSchema, listPatientsSchema, patientIdSchema, updatePatientSchema } from "./schemas";

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
});

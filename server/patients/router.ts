import type { Role } from "@/db/schema";
import { PRESCRIBERS } from "@/server/exercises/router";
import { clinicProcedure, router, STAFF } from "@/server/trpc";
import { createPatient, listPatients, patientHistory, patientPortalLink, readPatient, updatePatient } from "./patients";
import { createPatientSchema, listPatientsSchema, patientIdSchema, updatePatientSchema } from "./schemas";

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
    .input(listPatientsSchema)
    .query(({ ctx, input }) => listPatients(ctx.tx, ctx.clinic.id, input, ctx.clinic)),
  get: staff()
    .input(patientIdSchema)
    .query(({ ctx, input }) => readPatient(ctx.tx, ctx.clinic.id, input.id, ctx.clinic)),
  history: staff()
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
});

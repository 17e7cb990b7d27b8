import { PRESCRIBERS } from "@/server/exercises/router";
import { localDateTime } from "@/server/scheduling/zoned-time";
import { auditRead, clinicProcedure, router } from "@/server/trpc";
import { patientAdherence } from "./adherence";
import { advancePhase } from "./advance-phase";
import { archiveProgram, assignProgram } from "./assign-program";
import { getProgram, getProgramVersion, programsForPatient } from "./read-programs";
import { saveProgram } from "./save-program";
import {
  advancePhaseSchema,
  assignProgramSchema,
  patientProgramsSchema,
  programIdSchema,
  programVersionSchema,
  saveAsTemplateSchema,
  saveProgramSchema,
} from "./schemas";
import { listTemplates, saveProgramAsTemplate } from "./templates";

// Programs are clinical (exercises, dosage, the patient's pain and ticks): clinicians and owners only.
const prescribers = () => clinicProcedure({ roles: PRESCRIBERS });
const today = (timeZone: string) => localDateTime(new Date(), timeZone).date;

export const programsRouter = router({
  templates: prescribers().query(({ ctx }) => listTemplates(ctx.tx, ctx.clinic.id)),
  forPatient: prescribers()
    .meta(auditRead("programs.list", "program", { from: "input" }))
    .input(patientProgramsSchema)
    .query(({ ctx, input }) => programsForPatient(ctx.tx, ctx.clinic.id, input.patientId, today(ctx.clinic.timeZone))),
  get: prescribers()
    .meta(auditRead("program.read", "program"))
    .input(programIdSchema)
    .query(({ ctx, input }) => getProgram(ctx.tx, ctx.clinic.id, input.id)),
  getVersion: prescribers()
    .meta(auditRead("program.read", "program"))
    .input(programVersionSchema)
    .query(({ ctx, input }) => getProgramVersion(ctx.tx, ctx.clinic.id, input.id, input.version)),
  adherence: prescribers()
    .meta(auditRead("program.adherence", "program", { from: "input" }))
    .input(patientProgramsSchema)
    .query(({ ctx, input }) => patientAdherence(ctx.tx, ctx.clinic.id, input.patientId, today(ctx.clinic.timeZone))),
  save: prescribers()
    .input(saveProgramSchema)
    .mutation(({ ctx, input }) => saveProgram(ctx.tx, { clinicId: ctx.clinic.id, userId: ctx.user.id }, input)),
  assign: prescribers()
    .input(assignProgramSchema)
    .mutation(({ ctx, input }) => assignProgram(ctx.tx, { clinicId: ctx.clinic.id, userId: ctx.user.id }, input)),
  archive: prescribers()
    .input(assignProgramSchema)
    .mutation(({ ctx, input }) => archiveProgram(ctx.tx, { clinicId: ctx.clinic.id, userId: ctx.user.id }, input)),
  advancePhase: prescribers()
    .input(advancePhaseSchema)
    .mutation(({ ctx, input }) =>
      advancePhase(
        ctx.tx,
        { clinicId: ctx.clinic.id, userId: ctx.user.id },
        { ...input, today: today(ctx.clinic.timeZone) },
      ),
    ),
  saveAsTemplate: prescribers()
    .input(saveAsTemplateSchema)
    .mutation(({ ctx, input }) =>
      saveProgramAsTemplate(ctx.tx, { clinicId: ctx.clinic.id, userId: ctx.user.id }, input),
    ),
});

// Outcome measures for staff: instruments and their switches (owners), episodes of care with
// their questionnaire schedules, answers entered in clinic, progress and the clinic's summary.
import { PRESCRIBERS } from "@/server/exercises/router";
import { auditRead, clinicProcedure, OWNER_ONLY, router } from "@/server/trpc";
import { openInClinic, submitInClinic } from "./answers";
import { dischargeEpisode, sendNow, setSchedules, startEpisode } from "./episodes";
import { clinicOutcomeSummary, needsAttention, patientOutcomes } from "./read";
import {
  episodeIdSchema,
  needsAttentionSchema,
  patientIdSchema,
  requestIdSchema,
  sendNowSchema,
  setInstrumentEnabledSchema,
  setReviewWeeksSchema,
  setSchedulesSchema,
  startEpisodeSchema,
  submitInClinicSchema,
} from "./schemas";
import { instrumentSettings, setInstrumentEnabled, setReviewWeeks } from "./settings";

const prescribers = () => clinicProcedure({ roles: PRESCRIBERS });
const owners = () => clinicProcedure({ roles: OWNER_ONLY });
const actor = (ctx: { clinic: { id: string }; user: { id: string } }) => ({
  clinicId: ctx.clinic.id,
  userId: ctx.user.id,
});

export const outcomesRouter = router({
  instruments: prescribers().query(({ ctx }) => instrumentSettings(ctx.tx, ctx.clinic.id)),
  setInstrumentEnabled: owners()
    .input(setInstrumentEnabledSchema)
    .mutation(({ ctx, input }) => setInstrumentEnabled(ctx.tx, actor(ctx), input)),
  setReviewWeeks: owners()
    .input(setReviewWeeksSchema)
    .mutation(({ ctx, input }) => setReviewWeeks(ctx.tx, actor(ctx), input)),

  forPatient: prescribers()
    .meta(auditRead("outcomes.read", "outcome", { from: "input" }))
    .input(patientIdSchema)
    .query(({ ctx, input }) => patientOutcomes(ctx.tx, ctx.clinic.id, input.patientId)),
  startEpisode: prescribers()
    .input(startEpisodeSchema)
    .mutation(({ ctx, input }) => startEpisode(ctx.tx, actor(ctx), input)),
  setSchedules: prescribers()
    .input(setSchedulesSchema)
    .mutation(({ ctx, input }) => setSchedules(ctx.tx, actor(ctx), input)),
  discharge: prescribers()
    .input(episodeIdSchema)
    .mutation(({ ctx, input }) => dischargeEpisode(ctx.tx, actor(ctx), input)),
  sendNow: prescribers()
    .input(sendNowSchema)
    .mutation(({ ctx, input }) => sendNow(ctx.tx, actor(ctx), input)),

  // In clinic, on a tablet or from a paper form: clinicians and owners (the view holds answers and scores).
  inClinic: prescribers()
    .meta(auditRead("outcome_answers.read", "outcome_request"))
    .input(requestIdSchema)
    .query(({ ctx, input }) => openInClinic(ctx.tx, ctx.clinic.id, input)),
  submitInClinic: prescribers()
    .input(submitInClinicSchema)
    .mutation(({ ctx, input }) => submitInClinic(ctx.tx, actor(ctx), input)),

  needsAttention: prescribers()
    .meta(auditRead("outcomes.needs_attention", "outcome"))
    .input(needsAttentionSchema)
    .query(({ ctx, input }) => needsAttention(ctx.tx, ctx.clinic.id, { clinicianId: input.mine ? ctx.user.id : null })),
  clinicSummary: owners().query(({ ctx }) => clinicOutcomeSummary(ctx.tx, ctx.clinic.id)),
});

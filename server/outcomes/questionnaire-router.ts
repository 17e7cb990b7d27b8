// The patient's questionnaire page (/q/<token>): scoped by the signed link (purpose
// "questionnaire", naming the request), no sign-in.
import { auditRead, patientProcedure, router } from "@/server/trpc";
import { openQuestionnaire, saveQuestionnaireDraft, submitQuestionnaire } from "./answers";
import { questionnaireAnswersSchema, questionnaireTokenSchema } from "./schemas";

export const questionnaireRouter = router({
  get: patientProcedure("questionnaire")
    .meta(auditRead("questionnaire.read", "outcome_request"))
    .input(questionnaireTokenSchema)
    .query(({ ctx }) => openQuestionnaire(ctx.tx, ctx.link)),
  saveDraft: patientProcedure("questionnaire")
    .input(questionnaireAnswersSchema)
    .mutation(({ ctx, input }) => saveQuestionnaireDraft(ctx.tx, ctx.link, input)),
  submit: patientProcedure("questionnaire")
    .input(questionnaireAnswersSchema)
    .mutation(({ ctx, input }) => submitQuestionnaire(ctx.tx, ctx.link, input)),
});

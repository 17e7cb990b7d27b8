import { clinicProcedure, OWNER_ONLY, router } from "@/server/trpc";
import { consentLog } from "./log";
import { consentLogSchema, consentSettingsSchema } from "./schemas";
import { getConsentSettings, publishPolicyVersion, updateConsentSettings } from "./settings";

export const consentRouter = router({
  /** Owner: consent duration, policy version, banner language and third-party tags. */
  settings: clinicProcedure({ roles: OWNER_ONLY }).query(({ ctx }) => getConsentSettings(ctx.tx, ctx.clinic.id)),
  updateSettings: clinicProcedure({ roles: OWNER_ONLY })
    .input(consentSettingsSchema)
    .mutation(({ ctx, input }) =>
      updateConsentSettings(ctx.tx, { clinicId: ctx.clinic.id, userId: ctx.user.id }, input),
    ),
  /** Owner: a new cookie-policy version; every visitor is asked again. */
  publishPolicyVersion: clinicProcedure({ roles: OWNER_ONLY }).mutation(({ ctx }) =>
    publishPolicyVersion(ctx.tx, { clinicId: ctx.clinic.id, userId: ctx.user.id }),
  ),
  /** Owner: the consent log, newest first, filtered by date. */
  log: clinicProcedure({ roles: OWNER_ONLY })
    .input(consentLogSchema)
    .query(({ ctx, input }) => consentLog(ctx.tx, ctx.clinic.id, input)),
});

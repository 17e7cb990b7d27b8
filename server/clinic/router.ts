import { clinicProcedure, OWNER_ONLY, router, STAFF } from "@/server/trpc";
import { clinicProfileSchema, idleTimeoutSchema, openingHoursSchema } from "./schemas";
import { getClinic, updateClinicProfile, updateIdleTimeout, updateOpeningHours } from "./settings";

export const clinicRouter = router({
  get: clinicProcedure({ roles: STAFF }).query(({ ctx }) => getClinic(ctx.tx, ctx.clinic.id)),
  updateProfile: clinicProcedure({ roles: OWNER_ONLY })
    .input(clinicProfileSchema)
    .mutation(({ ctx, input }) => updateClinicProfile(ctx.tx, { clinicId: ctx.clinic.id, userId: ctx.user.id }, input)),
  updateHours: clinicProcedure({ roles: OWNER_ONLY })
    .input(openingHoursSchema)
    .mutation(({ ctx, input }) => updateOpeningHours(ctx.tx, { clinicId: ctx.clinic.id, userId: ctx.user.id }, input)),
  updateIdleTimeout: clinicProcedure({ roles: OWNER_ONLY })
    .input(idleTimeoutSchema)
    .mutation(({ ctx, input }) => updateIdleTimeout(ctx.tx, { clinicId: ctx.clinic.id, userId: ctx.user.id }, input)),
});

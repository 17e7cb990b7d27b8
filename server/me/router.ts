import { addClinicForUser } from "@/server/clinic/create-clinic";
import { addClinicSchema } from "@/server/clinic/schemas";
import { listUserClinics } from "@/server/tenancy";
import { authedProcedure, router } from "@/server/trpc";
import { changePassword, signOutEverywhere } from "./account";
import { changePasswordSchema } from "./schemas";

export const meRouter = router({
  clinics: authedProcedure.query(({ ctx }) => listUserClinics(ctx.db, ctx.user.id)),
  addClinic: authedProcedure
    .input(addClinicSchema)
    .mutation(({ ctx, input }) => addClinicForUser(ctx.db, ctx.user.id, input)),
  changePassword: authedProcedure
    .input(changePasswordSchema)
    .mutation(({ ctx, input }) => changePassword(ctx.db, ctx.user, input)),
  signOutEverywhere: authedProcedure.mutation(({ ctx }) => signOutEverywhere(ctx.db, ctx.user)),
});

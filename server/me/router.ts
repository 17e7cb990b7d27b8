import { addClinicForUser } from "@/server/clinic/create-clinic";
import { addClinicSchema } from "@/server/clinic/schemas";
import { listUserClinics } from "@/server/tenancy";
import { authedProcedure, router } from "@/server/trpc";

export const meRouter = router({
  clinics: authedProcedure.query(({ ctx }) => listUserClinics(ctx.db, ctx.user.id)),
  addClinic: authedProcedure
    .input(addClinicSchema)
    .mutation(({ ctx, input }) => addClinicForUser(ctx.db, ctx.user.id, input)),
});

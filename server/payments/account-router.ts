// Settings → Payments (owners): the clinic's connected Stripe account. Named paymentAccount so the
// after-visit procedures (charges, refunds, balance) keep their own router.
import { clinicProcedure, OWNER_ONLY, router } from "@/server/trpc";
import { disconnectAccount, getPaymentsSettings, refreshAccount, startConnect } from "./connect";

const actorOf = (ctx: { clinic: { id: string }; user: { id: string } }) => ({
  clinicId: ctx.clinic.id,
  userId: ctx.user.id,
});

export const paymentAccountRouter = router({
  settings: clinicProcedure({ roles: OWNER_ONLY }).query(({ ctx }) => getPaymentsSettings(ctx.tx, ctx.clinic.id)),
  /** Creates the connected account once and answers a Stripe-hosted onboarding link. */
  connect: clinicProcedure({ roles: OWNER_ONLY }).mutation(({ ctx }) => startConnect(ctx.db, actorOf(ctx), ctx.clinic)),
  /** Back from onboarding: Stripe's current view of the account. */
  refresh: clinicProcedure({ roles: OWNER_ONLY }).mutation(({ ctx }) => refreshAccount(ctx.db, ctx.clinic.id)),
  disconnect: clinicProcedure({ roles: OWNER_ONLY }).mutation(({ ctx }) => disconnectAccount(ctx.tx, actorOf(ctx))),
});

// Billing procedures. These stay open when the clinic is read-only (server/trpc.ts lets billing.*
// mutations through) so an owner can always subscribe or fix the card.
import { clinicProcedure, OWNER_ONLY, router, STAFF } from "@/server/trpc";
import { getBillingBanner, getBillingSummary } from "./read";
import { createCheckout, createPortal } from "./subscribe";

export const billingRouter = router({
  summary: clinicProcedure({ roles: OWNER_ONLY }).query(({ ctx }) =>
    getBillingSummary(ctx.tx, ctx.clinic.id, new Date()),
  ),
  banner: clinicProcedure({ roles: STAFF }).query(({ ctx }) =>
    getBillingBanner(ctx.tx, ctx.clinic.id, ctx.clinic.role, new Date()),
  ),
  checkout: clinicProcedure({ roles: OWNER_ONLY }).mutation(({ ctx }) => createCheckout(ctx.db, ctx.clinic)),
  portal: clinicProcedure({ roles: OWNER_ONLY }).mutation(({ ctx }) => createPortal(ctx.db, ctx.clinic)),
});

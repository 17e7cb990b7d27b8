// After-visit money for the front desk (and owners, clinicians at checkout): a patient's balance
// and history, the fee of a missed appointment, charging the card on file, recording other
// payments, refunds, charge edits and emailed payment links. Fee policy: owners only.
import { auditRead, clinicProcedure, OWNER_ONLY, router, STAFF } from "@/server/trpc";
import { editCharge } from "./charge-visit";
import { chargeFee, feeQuote } from "./charge-fee";
import {
  appointmentIdSchema,
  chargeFeeSchema,
  editChargeSchema,
  feePolicySchema,
  patientIdSchema,
  paymentLinkSchema,
  recordPaymentSchema,
  refundSchema,
} from "./charges-schemas";
import { feePolicy, updateFeePolicy } from "./fee-policy";
import { patientPayments } from "./patient-balance";
import { recordPayment } from "./record-payment";
import { refundPayment } from "./refund-payment";
import { sendPaymentLink } from "./send-payment-link";

const staff = () => clinicProcedure({ roles: STAFF });
const actorOf = (ctx: { clinic: { id: string }; user: { id: string } }) => ({
  clinicId: ctx.clinic.id,
  userId: ctx.user.id,
});

export const chargesRouter = router({
  patient: staff()
    .meta(auditRead("payments.read", "patient", { key: "patientId" }))
    .input(patientIdSchema)
    .query(({ ctx, input }) => patientPayments(ctx.tx, ctx.clinic.id, input.patientId)),
  feeQuote: staff()
    .input(appointmentIdSchema)
    .query(({ ctx, input }) => feeQuote(ctx.tx, ctx.clinic.id, input.appointmentId)),
  chargeFee: staff()
    .input(chargeFeeSchema)
    .mutation(({ ctx, input }) => chargeFee(ctx.tx, actorOf(ctx), input)),
  record: staff()
    .input(recordPaymentSchema)
    .mutation(({ ctx, input }) => recordPayment(ctx.tx, actorOf(ctx), input)),
  refund: staff()
    .input(refundSchema)
    .mutation(({ ctx, input }) => refundPayment(ctx.tx, actorOf(ctx), input)),
  editCharge: staff()
    .input(editChargeSchema)
    .mutation(({ ctx, input }) => editCharge(ctx.tx, actorOf(ctx), input)),
  sendLink: staff()
    .input(paymentLinkSchema)
    .mutation(({ ctx, input }) =>
      sendPaymentLink(ctx.tx, { ...actorOf(ctx), clinicSlug: ctx.clinic.slug, clinicName: ctx.clinic.name }, input),
    ),
  feePolicy: staff().query(({ ctx }) => feePolicy(ctx.tx, ctx.clinic.id)),
  updateFeePolicy: clinicProcedure({ roles: OWNER_ONLY })
    .input(feePolicySchema)
    .mutation(({ ctx, input }) => updateFeePolicy(ctx.tx, actorOf(ctx), input)),
});

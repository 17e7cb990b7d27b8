// After-visit money: every staff member sees a patient's balance and history and a missed
// appointment's fee; moving money (charging the card on file or a fee, recording a payment, refunds,
// charge edits, emailed payment links) is the front desk's and the owners' (MONEY), never a
// clinician's. Fee policy: owners only.
import { auditRead, clinicProcedure, MONEY, OWNER_ONLY, router, STAFF } from "@/server/trpc";
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
const money = () => clinicProcedure({ roles: MONEY });
const actorOf = (ctx: { clinic: { id: string }; user: { id: string } }) => ({
  clinicId: ctx.clinic.id,
  userId: ctx.user.id,
});

export const chargesRouter = router({
  patient: staff()
    .meta(auditRead("payments.read", "patient", { key: "patientId" }))
    .input(patientIdSchema)
    .query(async ({ ctx, input }) => ({
      ...(await patientPayments(ctx.tx, ctx.clinic.id, input.patientId)),
      /** Whether this person may move money (the panel shows its actions only then). */
      canMoveMoney: MONEY.includes(ctx.clinic.role),
    })),
  feeQuote: staff()
    .input(appointmentIdSchema)
    .query(({ ctx, input }) => feeQuote(ctx.tx, ctx.clinic.id, input.appointmentId)),
  chargeFee: money()
    .input(chargeFeeSchema)
    .mutation(({ ctx, input }) => chargeFee(ctx.tx, actorOf(ctx), input)),
  record: money()
    .input(recordPaymentSchema)
    .mutation(({ ctx, input }) => recordPayment(ctx.tx, actorOf(ctx), input)),
  refund: money()
    .input(refundSchema)
    .mutation(({ ctx, input }) => refundPayment(ctx.tx, actorOf(ctx), input)),
  editCharge: money()
    .input(editChargeSchema)
    .mutation(({ ctx, input }) => editCharge(ctx.tx, actorOf(ctx), input)),
  sendLink: money()
    .input(paymentLinkSchema)
    .mutation(({ ctx, input }) =>
      sendPaymentLink(ctx.tx, { ...actorOf(ctx), clinicSlug: ctx.clinic.slug, clinicName: ctx.clinic.name }, input),
    ),
  feePolicy: staff().query(({ ctx }) => feePolicy(ctx.tx, ctx.clinic.id)),
  updateFeePolicy: clinicProcedure({ roles: OWNER_ONLY })
    .input(feePolicySchema)
    .mutation(({ ctx, input }) => updateFeePolicy(ctx.tx, actorOf(ctx), input)),
});

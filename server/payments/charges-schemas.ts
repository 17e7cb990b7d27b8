// Inputs of the after-visit money procedures (charges-router.ts), shared with the Payments panel.
// Amounts are integers in the clinic currency's minor units; the domain refuses ≤ 0 and above the
// cap in words. `key` is one per opened form (a double submit sends the same key).
import { z } from "zod";
import { int4, multilineText } from "@/server/validation";

const amount = int4({ min: -2_147_483_648, message: "Enter the amount in whole cents." });
const currency = z
  .string()
  .regex(/^[A-Za-z]{3}$/, "Use a three-letter currency code.")
  .optional();
const key = z.uuid("This form is out of date. Reload the page.");
const reason = multilineText().trim().min(1, "Give a reason.").max(500, "Use at most 500 characters.");
const note = multilineText().trim().max(500, "Use at most 500 characters.").nullish();

export const patientIdSchema = z.object({ patientId: z.uuid() });
export const appointmentIdSchema = z.object({ appointmentId: z.uuid() });

export const chargeFeeSchema = z.object({
  appointmentId: z.uuid(),
  /** The card the confirmation showed; a card removed since is refused. */
  cardId: z.uuid().optional(),
  currency,
});

export const RECORD_METHODS = ["card_on_file", "card_terminal", "cash", "bank_transfer", "other"] as const;

export const recordPaymentSchema = z.object({
  patientId: z.uuid(),
  appointmentId: z.uuid().nullish(),
  method: z.enum(RECORD_METHODS),
  amountMinor: amount,
  currency,
  note,
  key,
  cardId: z.uuid().optional(),
});

export const refundSchema = z.object({
  paymentId: z.uuid(),
  /** Omitted: everything not yet refunded. */
  amountMinor: amount.optional(),
  currency,
  reason,
  key,
});

export const editChargeSchema = z.object({ id: z.uuid(), amountMinor: amount, currency, reason });

export const paymentLinkSchema = z.object({
  patientId: z.uuid(),
  /** Omitted: the patient's balance. */
  amountMinor: amount.optional(),
  currency,
  key,
});

const fee = int4({ min: 1, max: 10_000_000, message: "Enter a fee between 0.01 and 100,000." }).nullable();
export const feePolicySchema = z.object({
  noShowFeeMinor: fee,
  lateCancelFeeMinor: fee,
  autoChargeFees: z.boolean(),
});

// Stripe's decline codes in plain words for the front desk (https://docs.stripe.com/declines/codes).
// The patient is usually standing at the desk: say what happened and what to try next, never the code.
const WORDS: Record<string, string> = {
  insufficient_funds:
    "The card was declined for insufficient funds. Ask the patient for another card or another way to pay.",
  lost_card: "The card was declined: it has been reported lost. Ask the patient for another card.",
  stolen_card: "The card was declined: it has been reported stolen. Ask the patient for another card.",
  expired_card: "The card on file has expired. Ask the patient for a new card or send a payment link.",
  incorrect_cvc: "The card was declined: the security code was wrong. Ask the patient to add the card again.",
  incorrect_number: "The card number on file is wrong. Ask the patient to add the card again.",
  card_velocity_exceeded: "The card was declined: it has reached its spending limit. Ask the patient for another card.",
  withdrawal_count_limit_exceeded:
    "The card was declined: it has reached its spending limit. Ask the patient for another card.",
  do_not_honor:
    "The patient's bank declined the card without a reason. The patient should call their bank, or pay another way.",
  generic_decline:
    "The patient's bank declined the card without a reason. The patient should call their bank, or pay another way.",
  fraudulent: "The card was declined. Ask the patient for another way to pay.",
  processing_error: "The card could not be charged because of a processing error. Try again in a minute.",
  authentication_required:
    "The patient's bank wants the patient to confirm this payment. Send them a payment link instead.",
  card_not_supported: "This card does not support this kind of payment. Ask the patient for another card.",
  currency_not_supported: "This card cannot be charged in the clinic's currency. Ask the patient for another card.",
};

const FALLBACK = "The card was declined. Ask the patient for another card or another way to pay.";

/** The sentence the front desk sees for a declined charge (decline_code first, then the error's code). */
export function declineWords(declineCode: string | null | undefined, code?: string | null): string {
  return (declineCode && WORDS[declineCode]) || (code && WORDS[code]) || FALLBACK;
}

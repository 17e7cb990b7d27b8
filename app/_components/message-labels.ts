// How staff screens name patient messages and their states (the calendar panel and the owners' log).
import type { MessageKind, MessageState } from "@/db/schema";

export const KIND_LABELS: Record<MessageKind, string> = {
  confirmation: "Booking confirmation",
  reminder_24h: "Reminder, 24 hours before",
  reminder_2h: "Reminder, 2 hours before",
  reschedule: "Rescheduled notice",
  cancellation: "Cancellation notice",
  plan: "Exercise plan",
  questionnaire: "Questionnaire request",
  billing_trial_ending: "Billing: trial ending",
  billing_payment_failed: "Billing: payment failed",
  payment_receipt: "Payment receipt",
  payment_link: "Payment link",
};

export const STATE_LABELS: Record<MessageState, string> = {
  pending: "Scheduled",
  sending: "Sending",
  sent: "Sent",
  failed: "Failed",
  skipped: "Not sent",
};

const SKIP_REASONS: Record<string, string> = {
  moved: "the appointment moved",
  cancelled: "the appointment was cancelled",
  no_email: "no email address on file",
  invalid_email: "the email address is not valid",
  opted_out: "the patient opted out of reminders",
  disabled: "this reminder is switched off",
  too_late: "it was too late to send",
  appointment_gone: "the appointment no longer exists",
  status_changed: "the patient already checked in, completed or missed it",
  superseded: "a newer version of the plan was assigned",
  archived: "the program was archived",
  program_gone: "the program no longer exists",
  answered: "it was already answered",
  withdrawn: "the questionnaire was withdrawn (schedule changed or discharged)",
  closed: "its answering window had closed",
  instrument_off: "this questionnaire is switched off for the clinic",
  questionnaire_gone: "the questionnaire no longer exists",
};

/** "Not sent: the appointment moved" — falls back to the stored reason as written. */
export function skipReasonLabel(reason: string | null): string {
  if (!reason) return "";
  return SKIP_REASONS[reason] ?? reason.replaceAll("_", " ");
}

// What a queued message says: the template, subject, links, calendar file and headers for each
// kind, from the message row and what it is about. Pure: the same message composes to the same
// bytes on every attempt (links are signed as of the message's creation, the calendar file is
// stamped with it), so a retry hands the provider the identical email under the same key.
import { createElement } from "react";
import type { Message, MessageKind } from "@/db/schema";
import AppointmentCancelledEmail, { appointmentCancelledSubject } from "@/emails/appointment-cancelled";
import AppointmentConfirmationEmail, { appointmentConfirmationSubject } from "@/emails/appointment-confirmation";
import AppointmentReminderEmail, { appointmentReminderSubject } from "@/emails/appointment-reminder";
import AppointmentRescheduledEmail, { appointmentRescheduledSubject } from "@/emails/appointment-rescheduled";
import ProgramPlanEmail, { programPlanSubject, type ProgramPlanEmailProps } from "@/emails/program-plan";
import QuestionnaireRequestEmail, {
  questionnaireRequestSubject,
  type QuestionnaireRequestProps,
} from "@/emails/questionnaire-request";
import { composeBillingEmail } from "@/server/billing/compose-email";
import { isBillingKind } from "@/server/billing/notify";
import { composePaymentEmail, isPaymentMessageKind } from "@/server/payments/receipts";
import { QUESTIONNAIRE_LINK_DAYS } from "@/server/outcomes/occasions";
import { createPatientLinkToken } from "@/server/auth/patient-links";
import { emailArtPath } from "@/server/exercises/art";
import { publicUrl } from "@/server/env";
import type { EmailMessage } from "@/server/mail/send";
import { dosageInWords } from "@/server/programs/dosage-words";
import { isPhased, phaseStarts } from "@/server/programs/phases";
import { appointmentIcs } from "@/server/scheduling/ics";
import { emailWhen, type ClinicLocale } from "@/server/scheduling/format";
import type { PlanEmailData } from "./plan";
import type { QuestionnaireEmailData } from "./questionnaire";

export type MessageContext = {
  clinic: {
    id: string;
    slug: string;
    name: string;
    timeZone: string;
    /** How the clinic writes times (24-hour for en-GB); emails follow it. */
    locale: ClinicLocale;
    currency: string;
    email: string | null;
    phone: string | null;
    address: string | null;
    reminder24hEnabled: boolean;
    reminder2hEnabled: boolean;
  };
  appointment: {
    id: string;
    status: string;
    startsAt: Date;
    endsAt: Date;
    createdAt: Date;
    clinicianName: string;
    typeName: string;
  } | null;
  patient: { id: string; firstName: string; email: string | null; emailOptOutAt: Date | null } | null;
  /** For plan messages: the program version it sends (null: gone). */
  plan?: PlanEmailData | null;
  /** For questionnaire messages: the request it asks to answer (null: gone). */
  questionnaire?: QuestionnaireEmailData | null;
};

export type ComposedEmail = Omit<EmailMessage, "idempotencyKey" | "clinicId">;

/** Booking confirmations and changes are transactional; reminders are not, and honour opt-outs. */
export const REMINDER_KINDS: readonly MessageKind[] = ["reminder_24h", "reminder_2h"];
export const isReminder = (kind: MessageKind) => REMINDER_KINDS.includes(kind);

const DAY_S = 86_400;

/** The manage link (/book/<slug>/manage/<token>): valid until a day after the appointment ends. */
export function manageUrl(ctx: MessageContext, issuedAt: Date): string {
  const a = ctx.appointment!;
  // Tokens count whole seconds from the second they were issued in.
  const ttlSeconds = Math.max(
    3600,
    Math.ceil(a.endsAt.getTime() / 1000) - Math.floor(issuedAt.getTime() / 1000) + DAY_S,
  );
  const token = createPatientLinkToken(
    { clinicId: ctx.clinic.id, patientId: ctx.patient!.id, purpose: "appointment", ref: a.id, ttlSeconds },
    { now: issuedAt },
  );
  return new URL(`/book/${ctx.clinic.slug}/manage/${token}`, publicUrl()).toString();
}

/** The unsubscribe token, valid for a year: the page /unsubscribe/<token> and the one-click /api/unsubscribe/<token>. */
export function unsubscribeToken(clinicId: string, patientId: string, issuedAt: Date): string {
  return createPatientLinkToken(
    { clinicId, patientId, purpose: "unsubscribe", ttlSeconds: 365 * DAY_S },
    { now: issuedAt },
  );
}

function calendarFile(ctx: MessageContext, issuedAt: Date, opts: { cancelled?: boolean; manage?: string }) {
  const a = ctx.appointment!;
  const ics = appointmentIcs({
    uid: a.id,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    summary: `${a.typeName} at ${ctx.clinic.name}`,
    description: `With ${a.clinicianName}.${opts.manage ? ` Manage: ${opts.manage}` : ""}`,
    location: ctx.clinic.address,
    organizerName: ctx.clinic.name,
    // Each revision of an appointment must carry a higher sequence: seconds since it was booked.
    sequence: Math.max(0, Math.floor((issuedAt.getTime() - a.createdAt.getTime()) / 1000)),
    cancelled: opts.cancelled,
  });
  // DTSTAMP is "when this file was made": the message's creation, so every attempt is identical.
  const stamp = issuedAt
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
  return {
    filename: opts.cancelled ? "cancelled.ics" : "appointment.ics",
    contentType: `text/calendar; charset=utf-8; method=${opts.cancelled ? "CANCEL" : "PUBLISH"}`,
    content: ics.replace(/^DTSTAMP:.*$/m, `DTSTAMP:${stamp}`),
  };
}

/** How long the plan link in a plan email opens the patient's plan. */
export const PLAN_LINK_DAYS = 180;

/** The patient's plan page (/p/<token>, purpose "plan", naming the program), valid PLAN_LINK_DAYS from issuedAt. */
export function planUrl(clinicId: string, patientId: string, programId: string, issuedAt: Date): string {
  const token = createPatientLinkToken(
    { clinicId, patientId, purpose: "plan", ref: programId, ttlSeconds: PLAN_LINK_DAYS * DAY_S },
    { now: issuedAt },
  );
  return new URL(`/p/${token}`, publicUrl()).toString();
}

const dayLabel = new Intl.DateTimeFormat("en-GB", {
  weekday: "short",
  day: "numeric",
  month: "short",
  timeZone: "UTC",
});

function composePlanEmail(message: Message, ctx: MessageContext): ComposedEmail {
  const { clinic, patient, plan } = ctx;
  if (!plan || !patient?.email) throw new Error(`Message ${message.id} has no program version or no recipient`);
  // A phased plan lists when each phase starts (as scheduled; a later early move is on the plan page).
  const phased = isPhased(plan.phases);
  const starts = phaseStarts(plan.startDate, plan.phases);
  const props: ProgramPlanEmailProps = {
    firstName: patient.firstName,
    clinicName: clinic.name,
    clinicianName: plan.clinicianName,
    title: plan.title,
    startLabel: dayLabel.format(new Date(`${plan.startDate}T12:00:00Z`)).replace(",", ""),
    scheduleLabel:
      plan.daysPerWeek === 7 ? "every day" : `${plan.daysPerWeek} ${plan.daysPerWeek === 1 ? "day" : "days"} a week`,
    phases: plan.phases
      .map((p, index) => ({ p, start: phased ? starts[index]! : null }))
      .filter(({ p }) => p.items.length > 0)
      .map(({ p, start }) => ({
        title: p.title,
        notes: p.notes,
        startLabel: start ? `From ${dayLabel.format(new Date(`${start}T12:00:00Z`)).replace(",", "")}` : null,
        // The patient's instruction only: the clinician's note (i.clinicianNote) stays out of the email.
        exercises: p.items.map((i) => ({
          name: i.exercise.name,
          imageUrl: new URL(emailArtPath(i.exercise.imageUrl), publicUrl()).toString(),
          dosage: dosageInWords(i.dosage),
          cues: i.exercise.cues.slice(0, 3),
          note: i.note,
        })),
      })),
    planUrl: planUrl(clinic.id, patient.id, plan.programId, message.createdAt),
    phone: clinic.phone,
    updated: plan.version > 1,
  };
  return {
    to: patient.email,
    fromName: clinic.name,
    replyTo: clinic.email,
    template: "program-plan",
    subject: programPlanSubject(props),
    element: createElement(ProgramPlanEmail, props),
  };
}

/**
 * The questionnaire page (/q/<token>, purpose "questionnaire", naming the request), valid
 * QUESTIONNAIRE_LINK_DAYS from issuedAt. Issued as of the message's due time (not its creation: a
 * year of weekly questionnaires is laid out at once), so every attempt sends the same link.
 */
export function questionnaireUrl(clinicId: string, patientId: string, requestId: string, issuedAt: Date): string {
  const token = createPatientLinkToken(
    { clinicId, patientId, purpose: "questionnaire", ref: requestId, ttlSeconds: QUESTIONNAIRE_LINK_DAYS * DAY_S },
    { now: issuedAt },
  );
  return new URL(`/q/${token}`, publicUrl()).toString();
}

const closesFormat = (timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone });

function composeQuestionnaireEmail(message: Message, ctx: MessageContext): ComposedEmail {
  const { clinic, patient, questionnaire: q } = ctx;
  if (!q || q.items.length === 0 || !patient?.email)
    throw new Error(`Message ${message.id} has no questionnaire or no recipient`);
  const closesAt = new Date(Math.min(...q.items.map((i) => i.closesAt.getTime())));
  const props: QuestionnaireRequestProps = {
    firstName: patient.firstName,
    clinicName: clinic.name,
    clinicianName: q.clinicianName,
    questionnaires: q.items.map((i) => ({
      instrumentName: i.instrumentName,
      occasionLabel: i.occasionLabel,
      minutes: i.minutes,
      url: questionnaireUrl(clinic.id, patient.id, i.requestId, message.dueAt),
    })),
    closesLabel: closesFormat(clinic.timeZone).format(closesAt).replace(",", ""),
    phone: clinic.phone,
  };
  return {
    to: patient.email,
    fromName: clinic.name,
    replyTo: clinic.email,
    template: "questionnaire-request",
    subject: questionnaireRequestSubject(props),
    element: createElement(QuestionnaireRequestEmail, props),
  };
}

/** The email for a message (about an appointment, or a plan). Throws for kinds that have no template yet. */
export function composeEmail(message: Message, ctx: MessageContext): ComposedEmail {
  if (isBillingKind(message.kind)) return composeBillingEmail(message, ctx.clinic);
  if (isPaymentMessageKind(message.kind)) return composePaymentEmail(message, ctx);
  if (message.kind === "plan") return composePlanEmail(message, ctx);
  if (message.kind === "questionnaire") return composeQuestionnaireEmail(message, ctx);
  const { clinic, appointment: a, patient } = ctx;
  if (!a || !patient?.email) throw new Error(`Message ${message.id} has no appointment or no recipient`);
  const issuedAt = message.createdAt;
  const base = {
    firstName: patient.firstName,
    clinicName: clinic.name,
    typeName: a.typeName,
    clinicianName: a.clinicianName,
    whenLabel: emailWhen(a.startsAt, clinic.timeZone, clinic.locale),
    address: clinic.address,
    phone: clinic.phone,
  };
  const envelope = { to: patient.email, fromName: clinic.name, replyTo: clinic.email };
  switch (message.kind) {
    case "confirmation": {
      const props = { ...base, manageUrl: manageUrl(ctx, issuedAt) };
      return {
        ...envelope,
        template: "appointment-confirmation",
        subject: appointmentConfirmationSubject(props),
        element: createElement(AppointmentConfirmationEmail, props),
        attachments: [calendarFile(ctx, issuedAt, { manage: props.manageUrl })],
      };
    }
    case "reminder_24h":
    case "reminder_2h": {
      const token = unsubscribeToken(clinic.id, patient.id, issuedAt);
      const props = {
        ...base,
        lead: message.kind === "reminder_24h" ? "tomorrow" : "in 2 hours",
        manageUrl: manageUrl(ctx, issuedAt),
        unsubscribeUrl: new URL(`/unsubscribe/${token}`, publicUrl()).toString(),
      };
      return {
        ...envelope,
        template: "appointment-reminder",
        subject: appointmentReminderSubject(props),
        element: createElement(AppointmentReminderEmail, props),
        headers: {
          "List-Unsubscribe": `<${new URL(`/api/unsubscribe/${token}`, publicUrl()).toString()}>`,
          "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
      };
    }
    case "reschedule": {
      // Moved to another clinician at the same time: no "it was" line.
      const previous = message.details?.previousStartsAt ? new Date(message.details.previousStartsAt) : null;
      const props = {
        ...base,
        manageUrl: manageUrl(ctx, issuedAt),
        previousWhenLabel:
          previous && previous.getTime() !== a.startsAt.getTime()
            ? emailWhen(previous, clinic.timeZone, clinic.locale)
            : null,
      };
      return {
        ...envelope,
        template: "appointment-rescheduled",
        subject: appointmentRescheduledSubject(props),
        element: createElement(AppointmentRescheduledEmail, props),
        attachments: [calendarFile(ctx, issuedAt, { manage: props.manageUrl })],
      };
    }
    case "cancellation": {
      const props = { ...base, bookUrl: new URL(`/book/${clinic.slug}`, publicUrl()).toString() };
      return {
        ...envelope,
        template: "appointment-cancelled",
        subject: appointmentCancelledSubject(props),
        element: createElement(AppointmentCancelledEmail, props),
        attachments: [calendarFile(ctx, issuedAt, { cancelled: true })],
      };
    }
    default:
      throw new Error(`No email template for ${message.kind} messages yet`);
  }
}

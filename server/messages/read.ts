// What staff see of the messages: per appointment (front desk), and the clinic-wide log (owners).
import { and, asc, desc, eq, gt, gte, inArray, lt, not, or, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { appointments, messages, patients } from "@/db/schema";
import { notFound } from "@/server/errors";
import { isDeliverableEmail } from "./deliver";
import { addDays, localDateTime, wallTimeToUtc } from "@/server/scheduling/zoned-time";
import type { MessageLogInput, MessageLogSection } from "./schemas";

const messageColumns = {
  id: messages.id,
  kind: messages.kind,
  state: messages.state,
  skipReason: messages.skipReason,
  dueAt: messages.dueAt,
  sentAt: messages.sentAt,
  attempts: messages.attempts,
  lastError: messages.lastError,
  toEmail: messages.toEmail,
  startsAt: messages.startsAt,
  createdAt: messages.createdAt,
  updatedAt: messages.updatedAt,
};

/**
 * An appointment's messages, oldest due first, and whether its patient can be emailed at all
 * (`email.deliverable` false: "no reminder will be sent"; `email.optedOut`: reminders are not sent).
 */
export async function messagesForAppointment(tx: Tx, clinicId: string, appointmentId: string) {
  const [appt] = await tx
    .select({
      id: appointments.id,
      patientId: appointments.patientId,
      email: patients.email,
      optedOutAt: patients.emailOptOutAt,
    })
    .from(appointments)
    .innerJoin(patients, and(eq(patients.clinicId, appointments.clinicId), eq(patients.id, appointments.patientId)))
    .where(and(eq(appointments.clinicId, clinicId), eq(appointments.id, appointmentId)));
  if (!appt) throw notFound("That appointment");
  const rows = await tx
    .select(messageColumns)
    .from(messages)
    .where(and(eq(messages.clinicId, clinicId), eq(messages.appointmentId, appointmentId)))
    .orderBy(asc(messages.dueAt), asc(messages.createdAt));
  return {
    patientId: appt.patientId,
    email: { address: appt.email, deliverable: isDeliverableEmail(appt.email), optedOut: appt.optedOutAt !== null },
    messages: rows,
  };
}

const encodeCursor = (dueAt: Date, id: string) => Buffer.from(`${dueAt.toISOString()}|${id}`).toString("base64url");
function decodeCursor(cursor: string): { dueAt: Date; id: string } | null {
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const dueAt = new Date(iso ?? "");
  return id && !Number.isNaN(dueAt.getTime()) && /^[0-9a-f-]{36}$/i.test(id) ? { dueAt, id } : null;
}

/** Still to go out, or gone wrong: what makes a message due before today "overdue". */
const OPEN_STATES = ["pending", "sending", "failed"] as const;

/** Where a section starts and which way it reads (today is the clinic's day, not the server's). */
function sectionWhere(section: MessageLogSection | undefined, timeZone: string, now: Date) {
  if (!section) return { where: undefined, ascending: false };
  const today = localDateTime(now, timeZone).date;
  const startOfToday = wallTimeToUtc(today, "00:00", timeZone);
  const startOfTomorrow = wallTimeToUtc(addDays(today, 1), "00:00", timeZone);
  const open = inArray(messages.state, [...OPEN_STATES]);
  switch (section) {
    case "now":
      return {
        where: and(lt(messages.dueAt, startOfTomorrow), or(gte(messages.dueAt, startOfToday), open)),
        ascending: true,
      };
    case "upcoming":
      return { where: gte(messages.dueAt, startOfTomorrow), ascending: true };
    case "earlier":
      return { where: and(lt(messages.dueAt, startOfToday), not(open)), ascending: false };
  }
}

/**
 * The clinic's messages, filtered, a page at a time (nextCursor null on the last page): one
 * section of the log (today and overdue, upcoming, earlier), or all of them newest due first.
 */
export async function messageLog(
  tx: Tx,
  clinic: { id: string; timeZone: string },
  input: MessageLogInput,
  now = new Date(),
) {
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const { where, ascending } = sectionWhere(input.section, clinic.timeZone, now);
  const beyond = ascending ? gt : lt;
  const conditions: (SQL | undefined)[] = [
    eq(messages.clinicId, clinic.id),
    where,
    input.kind ? eq(messages.kind, input.kind) : undefined,
    input.state ? eq(messages.state, input.state) : undefined,
    input.from ? gte(messages.dueAt, input.from) : undefined,
    input.to ? lt(messages.dueAt, input.to) : undefined,
    after
      ? or(beyond(messages.dueAt, after.dueAt), and(eq(messages.dueAt, after.dueAt), beyond(messages.id, after.id)))
      : undefined,
  ];
  const order = ascending ? asc : desc;
  const rows = await tx
    .select({
      ...messageColumns,
      appointmentId: messages.appointmentId,
      patientId: messages.patientId,
      patientFirstName: patients.firstName,
      patientLastName: patients.lastName,
    })
    .from(messages)
    .leftJoin(patients, and(eq(patients.clinicId, messages.clinicId), eq(patients.id, messages.patientId)))
    .where(and(...conditions))
    .orderBy(order(messages.dueAt), order(messages.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return { items: page, nextCursor: rows.length > input.limit && last ? encodeCursor(last.dueAt, last.id) : null };
}

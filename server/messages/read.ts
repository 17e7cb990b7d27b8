// What staff see of the messages: per appointment (front desk), and the clinic-wide log (owners).
import { and, asc, desc, eq, gte, lt, or, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { appointments, messages, patients } from "@/db/schema";
import { notFound } from "@/server/errors";
import { isDeliverableEmail } from "./deliver";
import type { MessageLogInput } from "./schemas";

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

/** The clinic's messages, newest due first, filtered, a page at a time (nextCursor null on the last page). */
export async function messageLog(tx: Tx, clinicId: string, input: MessageLogInput) {
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const conditions: (SQL | undefined)[] = [
    eq(messages.clinicId, clinicId),
    input.kind ? eq(messages.kind, input.kind) : undefined,
    input.state ? eq(messages.state, input.state) : undefined,
    input.from ? gte(messages.dueAt, input.from) : undefined,
    input.to ? lt(messages.dueAt, input.to) : undefined,
    after
      ? or(lt(messages.dueAt, after.dueAt), and(eq(messages.dueAt, after.dueAt), lt(messages.id, after.id)))
      : undefined,
  ];
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
    .orderBy(desc(messages.dueAt), desc(messages.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return { items: page, nextCursor: rows.length > input.limit && last ? encodeCursor(last.dueAt, last.id) : null };
}

// appointments.reminded — what the owner dashboard's reminder KPI reads instead of asking the
// messages table once per appointment — always says whether a 24 h or 2 h reminder of the
// appointment was sent. It is kept by triggers on messages (0035); here the reminders go out
// through the real sender, as the app's role, and the flag is checked against its definition.
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { appDb } from "@/db/client";
import { appointments, messages } from "@/db/schema";
import { deliverMessage } from "@/server/messages/deliver";
import { makePatient, seedClinic, type SeededClinic } from "../fixtures/clinic";
import { callerFor } from "../fixtures/callers";
import { adminDb } from "../fixtures/db";
import { at, bookFollowUp, cancel, deliverDue, futureDate, messagesOf } from "./messages-fixtures";

const HOUR = 3_600_000;
let a: SeededClinic;

beforeAll(async () => {
  a = await seedClinic();
});

const newPatient = () => callerFor(a.owner, a.slug).patients.create(makePatient({}));

async function reminded(appointmentId: string): Promise<boolean> {
  const [row] = await adminDb()
    .select({ reminded: appointments.reminded })
    .from(appointments)
    .where(and(eq(appointments.clinicId, a.id), eq(appointments.id, appointmentId)));
  return row!.reminded;
}

/** The definition the flag stands for, asked of the messages table for every appointment of the clinic. */
async function mismatches() {
  const { rows } = await adminDb().execute<{ id: string }>(sql`
    SELECT ap.id FROM appointments ap
     WHERE ap.clinic_id = ${a.id}
       AND ap.reminded IS DISTINCT FROM EXISTS (
             SELECT 1 FROM messages r WHERE r.clinic_id = ap.clinic_id AND r.appointment_id = ap.id
                AND r.kind IN ('reminder_24h', 'reminder_2h') AND r.state = 'sent')`);
  return rows.map((r) => r.id);
}

describe("appointments.reminded", () => {
  test("turns true when the sender sends a reminder, not for the confirmation or before", async () => {
    const startsAt = at(a, futureDate(2), "10:00");
    const appt = await bookFollowUp(a, startsAt, (await newPatient()).id);
    expect(await reminded(appt.id)).toBe(false);
    await deliverDue(new Date()); // the confirmation
    expect((await messagesOf(a.id, appt.id)).find((m) => m.kind === "confirmation")!.state).toBe("sent");
    expect(await reminded(appt.id)).toBe(false);
    await deliverDue(new Date(startsAt.getTime() - 24 * HOUR));
    expect((await messagesOf(a.id, appt.id)).find((m) => m.kind === "reminder_24h")!.state).toBe("sent");
    expect(await reminded(appt.id)).toBe(true);
    expect(await mismatches()).toEqual([]);
  });

  test("a reminder skipped (the appointment was cancelled) leaves it false", async () => {
    const startsAt = at(a, futureDate(3), "11:00");
    const appt = await bookFollowUp(a, startsAt, (await newPatient()).id);
    await cancel(a, appt.id);
    await deliverDue(new Date(startsAt.getTime() - 2 * HOUR + 1));
    const states = (await messagesOf(a.id, appt.id)).filter((m) => m.kind.startsWith("reminder")).map((m) => m.state);
    expect(states.length).toBeGreaterThan(0);
    expect(states.every((s) => s === "skipped")).toBe(true);
    expect(await reminded(appt.id)).toBe(false);
    expect(await mismatches()).toEqual([]);
  });

  test("both reminders of one appointment sent at once: both go out (no deadlock) and it is reminded once", async () => {
    const startsAt = at(a, futureDate(4), "12:00");
    const appt = await bookFollowUp(a, startsAt, (await newPatient()).id);
    const reminders = (await messagesOf(a.id, appt.id)).filter((m) => m.kind.startsWith("reminder"));
    expect(reminders.map((m) => m.kind)).toEqual(["reminder_24h", "reminder_2h"]);
    // both are due an hour before the start (a sender catching up after downtime): two workers at once
    const now = new Date(startsAt.getTime() - HOUR);
    const outcomes = await Promise.all(
      reminders.map((m) => deliverMessage(appDb(), { clinicId: a.id, messageId: m.id }, now)),
    );
    expect(outcomes).toEqual(["sent", "sent"]);
    expect(await reminded(appt.id)).toBe(true);
    expect(await mismatches()).toEqual([]);
  });

  test("follows the messages when a sent reminder stops being one or goes", async () => {
    const startsAt = at(a, futureDate(5), "13:00");
    const appt = await bookFollowUp(a, startsAt, (await newPatient()).id);
    await deliverDue(new Date(startsAt.getTime() - 2 * HOUR));
    expect(await reminded(appt.id)).toBe(true);
    const sent = (await messagesOf(a.id, appt.id)).filter((m) => m.kind.startsWith("reminder") && m.state === "sent");
    expect(sent.map((m) => m.kind)).toEqual(["reminder_24h", "reminder_2h"]);
    const mark = (id: string, state: "failed" | "sent") =>
      adminDb()
        .update(messages)
        .set({ state })
        .where(and(eq(messages.clinicId, a.id), eq(messages.id, id)));
    // one is marked failed after all: still reminded, the other was sent
    await mark(sent[0]!.id, "failed");
    expect(await reminded(appt.id)).toBe(true);
    await mark(sent[1]!.id, "failed");
    expect(await reminded(appt.id)).toBe(false);
    await mark(sent[1]!.id, "sent");
    expect(await reminded(appt.id)).toBe(true);
    await adminDb()
      .delete(messages)
      .where(and(eq(messages.clinicId, a.id), eq(messages.appointmentId, appt.id)));
    expect(await reminded(appt.id)).toBe(false);
    expect(await mismatches()).toEqual([]);
  });
});

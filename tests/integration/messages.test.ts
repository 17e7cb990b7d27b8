// Patient emails about appointments, on real PostgreSQL: what booking, moving and cancelling
// queue; what the sender sends, skips and says; reminders in the clinic's zone across a DST change;
// opt-outs; and who may see the messages. pg-boss is left out here (reminders-worker.test.ts has
// it): deliverDue() claims what is due at a given instant and delivers it, as the worker does.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { appDb } from "@/db/client";
import { appointments, messages, patients } from "@/db/schema";
import { verifyPatientLinkToken } from "@/server/auth/patient-links";
import { deliverMessage } from "@/server/messages/deliver";
import { unsubscribeByToken } from "@/server/messages/unsubscribe";
import { wallTimeToUtc } from "@/server/scheduling/zoned-time";
import { anonymousCaller, callerFor, refusal } from "../fixtures/callers";
import { makePatient, seedClinic, type SeededClinic } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";
import {
  at,
  bookFollowUp,
  cancel,
  deliverDue,
  futureDate,
  messagesOf,
  moveTo,
  outboxOf,
  requeueAsBookedAt,
  summary,
} from "./messages-fixtures";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let a: SeededClinic;
let b: SeededClinic;

beforeAll(async () => {
  a = await seedClinic();
  b = await seedClinic();
  await callerFor(a.owner, a.slug).clinic.updateProfile({
    name: a.name,
    timeZone: a.timeZone,
    email: "hello@cascade.example",
    phone: "(541) 555-0100",
    address: "12 River Rd, Bend",
  });
});

const iso = (d: Date) => d.toISOString();
const icsTime = (d: Date) =>
  iso(d)
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
const tokenIn = (text: string, path: string) => new RegExp(`${path}/([\\w-]+\\.[\\w-]+)`).exec(text)?.[1] ?? "";
const newPatient = (clinic: SeededClinic, overrides: Parameters<typeof makePatient>[0] = {}) =>
  callerFor(clinic.owner, clinic.slug).patients.create(makePatient(overrides));

describe("booking an appointment", () => {
  test("queues a confirmation now and the 24 h and 2 h reminders exactly that long before", async () => {
    const startsAt = at(a, futureDate(1), "09:00");
    const before = Date.now();
    const appt = await bookFollowUp(a, startsAt);
    const rows = await messagesOf(a.id, appt.id);
    expect(rows.map((m) => [m.kind, m.state, m.key])).toEqual([
      ["confirmation", "pending", `appt:${appt.id}:confirmation:${iso(startsAt)}`],
      ["reminder_24h", "pending", `appt:${appt.id}:reminder_24h:${iso(startsAt)}`],
      ["reminder_2h", "pending", `appt:${appt.id}:reminder_2h:${iso(startsAt)}`],
    ]);
    expect(rows[0]!.dueAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(rows[0]!.dueAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(rows[1]!.dueAt.getTime()).toBe(startsAt.getTime() - DAY);
    expect(rows[2]!.dueAt.getTime()).toBe(startsAt.getTime() - 2 * HOUR);
  });

  test("booked less than a day ahead there is no 24 h reminder; less than 2 hours ahead, none at all", async () => {
    const appt = await bookFollowUp(a, at(a, futureDate(3), "15:00"), (await newPatient(a)).id);
    await requeueAsBookedAt(a.id, appt.id, new Date(appt.startsAt.getTime() - 5 * HOUR));
    expect((await messagesOf(a.id, appt.id)).map((m) => m.kind)).toEqual(["confirmation", "reminder_2h"]);
    await requeueAsBookedAt(a.id, appt.id, new Date(appt.startsAt.getTime() - 90 * 60_000));
    expect((await messagesOf(a.id, appt.id)).map((m) => m.kind)).toEqual(["confirmation"]);
  });

  test("queueing the same booking twice queues each message once", async () => {
    const appt = await bookFollowUp(a, at(a, futureDate(3), "08:00"), (await newPatient(a)).id);
    const { queueAppointmentMessages } = await import("@/server/messages/queue");
    const { withClinic } = await import("@/server/tenancy");
    await withClinic(appDb(), a.id, (tx) =>
      queueAppointmentMessages(tx, { clinicId: a.id, appointmentId: appt.id, event: "booked" }, new Date()),
    );
    expect(await messagesOf(a.id, appt.id)).toHaveLength(3);
  });

  test("the confirmation goes out once, from the clinic, with the calendar file and a working manage link", async () => {
    const patient = await newPatient(a);
    const startsAt = at(a, futureDate(2), "10:30");
    const appt = await bookFollowUp(a, startsAt, patient.id);
    const key = `appt:${appt.id}:confirmation:${iso(startsAt)}`;
    expect((await deliverDue(new Date()))[key]).toBe("sent");
    expect(await deliverDue(new Date())).not.toHaveProperty(key);

    const [message] = (await messagesOf(a.id, appt.id)).filter((m) => m.kind === "confirmation");
    expect(message).toMatchObject({ state: "sent", attempts: 1, toEmail: patient.email, lastError: null });
    const emails = (await outboxOf(a.id)).filter((e) => e.idempotencyKey === `msg:${a.id}:${key}`);
    expect(emails).toHaveLength(1);
    const [email] = emails;
    expect(email).toMatchObject({
      id: message!.outboxId,
      to: patient.email,
      template: "appointment-confirmation",
      replyTo: "hello@cascade.example",
      fromAddress: `"${a.name}" <no-reply@junction.local>`,
      headers: null,
    });
    expect(email!.subject).toMatch(
      /^Booked: Follow-up at .+, (Mon|Tue|Wed|Thu|Fri) \d{1,2} [A-Z][a-z]{2}, 10:30 AM M[SD]T$/,
    );
    expect(email!.text).toContain(`Follow-up with ${a.clinician.name}`);
    expect(email!.text).toContain("12 River Rd, Bend");
    expect(email!.attachments?.[0]).toMatchObject({ filename: "appointment.ics" });
    expect(email!.attachments![0]!.content).toContain(`DTSTART:${icsTime(startsAt)}`);
    const link = verifyPatientLinkToken(tokenIn(email!.text, `/book/${a.slug}/manage`), "appointment");
    expect(link).toMatchObject({ clinicId: a.id, patientId: patient.id, ref: appt.id });
    expect(link.expiresAt.getTime()).toBe(appt.endsAt.getTime() + DAY);
  });

  test("a reminder says when in the clinic's zone, offers the manage link and a one-click unsubscribe", async () => {
    const patient = await newPatient(a);
    const startsAt = at(a, futureDate(4), "07:00");
    const appt = await bookFollowUp(a, startsAt, patient.id);
    const due = new Date(startsAt.getTime() - DAY);
    expect(await deliverDue(new Date(due.getTime() - 1))).not.toHaveProperty(
      `appt:${appt.id}:reminder_24h:${iso(startsAt)}`,
    );
    expect((await deliverDue(due))[`appt:${appt.id}:reminder_24h:${iso(startsAt)}`]).toBe("sent");
    const email = (await outboxOf(a.id)).find((e) => e.idempotencyKey.endsWith(`reminder_24h:${iso(startsAt)}`))!;
    expect(email.template).toBe("appointment-reminder");
    expect(email.subject).toMatch(
      /^Reminder: Follow-up at .+, (Mon|Tue|Wed|Thu|Fri) \d{1,2} [A-Z][a-z]{2}, 7:00 AM M[SD]T$/,
    );
    expect(email.text).toMatch(/see you tomorrow/i);
    expect(email.text).toContain(`/book/${a.slug}/manage/`);
    expect(email.headers).toEqual({
      "List-Unsubscribe": expect.stringMatching(/^<http:\/\/127\.0\.0\.1:3000\/api\/unsubscribe\/[\w-]+\.[\w-]+>$/),
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
    expect(email.text).toMatch(/Unsubscribe http:\/\/127\.0\.0\.1:3000\/unsubscribe\/[\w-]+\.[\w-]+/);
  });
});

describe("moving an appointment", () => {
  test("twice quickly: only the last time is reminded, and only the last move is announced", async () => {
    const patient = await newPatient(a);
    const day = futureDate(2, 15);
    const first = await bookFollowUp(a, at(a, day, "09:00"), patient.id);
    const second = await moveTo(a, first, at(a, day, "11:00"));
    const third = await moveTo(a, second, at(a, day, "14:00"));
    const t = (time: string) => iso(at(a, day, time));
    expect(summary(await messagesOf(a.id, first.id))).toEqual([
      `confirmation@${t("09:00")}: skipped (moved)`,
      `reschedule@${t("11:00")}: skipped (moved)`,
      `reschedule@${t("14:00")}: pending`,
      `reminder_24h@${t("09:00")}: skipped (moved)`,
      `reminder_24h@${t("11:00")}: skipped (moved)`,
      `reminder_24h@${t("14:00")}: pending`,
      `reminder_2h@${t("09:00")}: skipped (moved)`,
      `reminder_2h@${t("11:00")}: skipped (moved)`,
      `reminder_2h@${t("14:00")}: pending`,
    ]);
    // Everything due until the appointment: the move to 14:00 and its two reminders, nothing else.
    await deliverDue(new Date(third.startsAt.getTime() - 60_000));
    const sent = (await outboxOf(a.id)).filter((e) => e.to === patient.email);
    expect(sent.map((e) => e.template)).toEqual([
      "appointment-rescheduled",
      "appointment-reminder",
      "appointment-reminder",
    ]);
    expect(sent.every((e) => e.subject.includes("2:00 PM"))).toBe(true);
    expect(sent[0]!.text).toMatch(/It was .+, 11:00 AM M[SD]T\. It is now:/);
  });

  test("a reminder handed out before the move is not sent for the old time", async () => {
    const patient = await newPatient(a);
    const day = futureDate(3, 15);
    const appt = await bookFollowUp(a, at(a, day, "09:00"), patient.id);
    await deliverDue(new Date()); // the confirmation
    // The dispatcher hands the 24 h reminder out; then the time changes without the queue hearing of it.
    const due = new Date(appt.startsAt.getTime() - DAY);
    const [reminder] = (await messagesOf(a.id, appt.id)).filter((m) => m.kind === "reminder_24h");
    await adminDb()
      .update(messages)
      .set({ state: "sending", enqueuedAt: due })
      .where(and(eq(messages.clinicId, a.id), eq(messages.id, reminder!.id)));
    await adminDb()
      .update(appointments)
      .set({ startsAt: at(a, day, "10:00"), endsAt: at(a, day, "10:45"), blockedUntil: at(a, day, "10:45") })
      .where(and(eq(appointments.clinicId, a.id), eq(appointments.id, appt.id)));
    expect(await deliverMessage(appDb(), { clinicId: a.id, messageId: reminder!.id }, due)).toBe("skipped");
    expect((await messagesOf(a.id, appt.id)).find((m) => m.id === reminder!.id)).toMatchObject({
      state: "skipped",
      skipReason: "moved",
    });
  });

  test("moved away and back: the reminders for the original time come back, with a notice of the move", async () => {
    const patient = await newPatient(a);
    const day = futureDate(4, 15);
    const appt = await bookFollowUp(a, at(a, day, "09:00"), patient.id);
    const away = await moveTo(a, appt, at(a, day, "12:00"));
    await moveTo(a, away, at(a, day, "09:00"));
    const nine = iso(at(a, day, "09:00"));
    const pending = (await messagesOf(a.id, appt.id))
      .filter((m) => m.state === "pending")
      .map((m) => `${m.kind}@${m.startsAt?.toISOString()}`);
    expect(pending.sort()).toEqual([`reminder_24h@${nine}`, `reminder_2h@${nine}`, `reschedule@${nine}`].sort());
  });
});

describe("cancelling an appointment", () => {
  test("skips everything pending and sends a cancellation notice, nothing else", async () => {
    const patient = await newPatient(a);
    const appt = await bookFollowUp(a, at(a, futureDate(5, 15), "16:00"), patient.id);
    await cancel(a, appt.id);
    expect(summary(await messagesOf(a.id, appt.id)).map((s) => s.replace(/@\S+Z/, ""))).toEqual([
      "confirmation: skipped (cancelled)",
      "cancellation: pending",
      "reminder_24h: skipped (cancelled)",
      "reminder_2h: skipped (cancelled)",
    ]);
    await deliverDue(new Date(appt.startsAt.getTime() + HOUR));
    const sent = (await outboxOf(a.id)).filter((e) => e.to === patient.email);
    expect(sent.map((e) => e.template)).toEqual(["appointment-cancelled"]);
    expect(sent[0]!.attachments?.[0]?.content).toContain("METHOD:CANCEL");
    expect(sent[0]!.text).toContain(`/book/${a.slug}`);
  });
});

describe("a patient who cannot be emailed", () => {
  test("without an email: booking works, every message is skipped with the reason, and staff can see why", async () => {
    const patient = await newPatient(a, { email: "" });
    const appt = await bookFollowUp(a, at(a, futureDate(1, 15), "13:00"), patient.id);
    expect(appt.status).toBe("booked");
    await deliverDue(new Date(appt.startsAt.getTime() - 60_000));
    expect(summary(await messagesOf(a.id, appt.id)).map((s) => s.replace(/@\S+Z/, ""))).toEqual([
      "confirmation: skipped (no_email)",
      "reminder_24h: skipped (no_email)",
      "reminder_2h: skipped (no_email)",
    ]);
    const seen = await callerFor(a.frontDesk, a.slug).messages.forAppointment({ appointmentId: appt.id });
    expect(seen.email).toEqual({ address: null, deliverable: false, optedOut: false });
    expect(seen.messages.map((m) => [m.kind, m.state, m.skipReason])).toEqual([
      ["confirmation", "skipped", "no_email"],
      ["reminder_24h", "skipped", "no_email"],
      ["reminder_2h", "skipped", "no_email"],
    ]);
  });

  test("with an address that cannot be delivered to (imported data): skipped as invalid", async () => {
    const patient = await newPatient(a);
    await adminDb()
      .update(patients)
      .set({ email: "jordan at example" })
      .where(and(eq(patients.clinicId, a.id), eq(patients.id, patient.id)));
    const appt = await bookFollowUp(a, at(a, futureDate(2, 15), "13:00"), patient.id);
    await deliverDue(new Date());
    expect((await messagesOf(a.id, appt.id))[0]).toMatchObject({
      kind: "confirmation",
      state: "skipped",
      skipReason: "invalid_email",
    });
    expect(
      (await callerFor(a.frontDesk, a.slug).messages.forAppointment({ appointmentId: appt.id })).email.deliverable,
    ).toBe(false);
  });

  test("who unsubscribed: gets no reminders, still gets confirmations and changes", async () => {
    const patient = await newPatient(a);
    const first = await bookFollowUp(a, at(a, futureDate(3, 15), "13:00"), patient.id);
    await deliverDue(new Date(first.startsAt.getTime() - DAY));
    const reminder = (await outboxOf(a.id)).find(
      (e) => e.to === patient.email && e.template === "appointment-reminder",
    )!;
    const token = /\/api\/unsubscribe\/([\w-]+\.[\w-]+)>/.exec(reminder.headers!["List-Unsubscribe"]!)![1]!;
    expect(await unsubscribeByToken(appDb(), token)).toEqual({ ok: true, clinicName: a.name });
    expect(await unsubscribeByToken(appDb(), `${token}x`)).toEqual({ ok: false, reason: "This link is not valid." });

    const later = await bookFollowUp(a, at(a, futureDate(4, 22), "13:00"), patient.id);
    await deliverDue(new Date(later.startsAt.getTime() - 60_000));
    expect(summary(await messagesOf(a.id, later.id)).map((s) => s.replace(/@\S+Z/, ""))).toEqual([
      "confirmation: sent",
      "reminder_24h: skipped (opted_out)",
      "reminder_2h: skipped (opted_out)",
    ]);
    expect(
      (await callerFor(a.frontDesk, a.slug).messages.forAppointment({ appointmentId: later.id })).email.optedOut,
    ).toBe(true);
  });
});

describe("reminders across a daylight-saving change (America/Los_Angeles)", () => {
  let c: SeededClinic;
  beforeAll(async () => {
    c = { ...(await seedClinic()), timeZone: "America/Los_Angeles" };
    const owner = callerFor(c.owner, c.slug);
    await owner.clinic.updateProfile({
      name: c.name,
      timeZone: "America/Los_Angeles",
      address: "1001 NW Wall St, Bend",
    });
    const open = [{ start: "07:00", end: "19:00" }];
    await owner.clinic.updateHours({ mon: open, tue: open, wed: open, thu: open, fri: open, sat: open, sun: open });
  });

  // Booked now (before the change) for the Sunday the clocks change, after the change: the day
  // before at the same wall-clock time would be 23 or 25 hours early.
  test.each([
    {
      change: "spring forward",
      date: "2027-03-14",
      label: "Sun 14 Mar, 9:00 AM PDT",
      dueLabel: "Sat 13 Mar, 8:00 AM PST",
    },
    { change: "fall back", date: "2027-11-07", label: "Sun 7 Nov, 9:00 AM PST", dueLabel: "Sat 6 Nov, 10:00 AM PDT" },
  ])(
    "$change: the 24 h reminder is due 24 real hours before and names the right local hour",
    async ({ date, label, dueLabel }) => {
      const startsAt = wallTimeToUtc(date, "09:00", c.timeZone);
      const patient = await newPatient(c);
      const appt = await bookFollowUp(c, startsAt, patient.id);
      const reminder = (await messagesOf(c.id, appt.id)).find((m) => m.kind === "reminder_24h")!;
      expect(reminder.dueAt.getTime()).toBe(startsAt.getTime() - DAY);
      const { emailWhen } = await import("@/server/messages/format");
      expect(emailWhen(reminder.dueAt, c.timeZone)).toBe(dueLabel);

      expect(await deliverDue(new Date(reminder.dueAt.getTime() - 1))).not.toHaveProperty(reminder.key);
      expect((await deliverDue(reminder.dueAt))[reminder.key]).toBe("sent");
      const email = (await outboxOf(c.id)).find((e) => e.idempotencyKey === `msg:${c.id}:${reminder.key}`)!;
      expect(email.subject).toBe(`Reminder: Follow-up at ${c.name}, ${label}`);
      expect(email.text).toContain(label);
    },
  );
});

describe("who sees the messages", () => {
  test("front desk and clinicians see an appointment's messages; the log and settings are the owner's", async () => {
    const appt = await bookFollowUp(a, at(a, futureDate(5, 22), "09:00"), (await newPatient(a)).id);
    for (const member of [a.frontDesk, a.clinician, a.owner]) {
      expect(
        (await callerFor(member, a.slug).messages.forAppointment({ appointmentId: appt.id })).messages,
      ).toHaveLength(3);
    }
    for (const member of [a.frontDesk, a.clinician]) {
      const asMember = callerFor(member, a.slug);
      expect((await refusal(asMember.messages.log({}))).code).toBe("FORBIDDEN");
      expect((await refusal(asMember.messages.settings())).code).toBe("FORBIDDEN");
      expect((await refusal(asMember.messages.updateSettings({ reminder24h: false }))).code).toBe("FORBIDDEN");
    }
    expect((await refusal(anonymousCaller(a.slug).messages.forAppointment({ appointmentId: appt.id }))).code).toBe(
      "UNAUTHORIZED",
    );
  });

  test("another clinic's appointment is not found, and its messages never show in my log", async () => {
    const mine = await bookFollowUp(b, at(b, futureDate(1, 22), "09:00"));
    const theirs = await bookFollowUp(a, at(a, futureDate(1, 22), "09:00"));
    expect((await refusal(callerFor(b.owner, b.slug).messages.forAppointment({ appointmentId: theirs.id }))).code).toBe(
      "NOT_FOUND",
    );
    const log = await callerFor(b.owner, b.slug).messages.log({ limit: 200 });
    expect(log.items.length).toBeGreaterThan(0);
    expect(log.items.every((m) => m.appointmentId === mine.id)).toBe(true);
  });

  test("the owner's log filters by kind, state and due time, a page at a time", async () => {
    const owner = callerFor(a.owner, a.slug);
    const all = await owner.messages.log({ limit: 200 });
    expect(all.nextCursor).toBeNull();
    const dueDesc = all.items.map((m) => m.dueAt.getTime());
    expect(dueDesc).toEqual([...dueDesc].sort((x, y) => y - x));

    const skipped = await owner.messages.log({ state: "skipped", kind: "reminder_2h" });
    expect(skipped.items.length).toBeGreaterThan(0);
    expect(skipped.items.every((m) => m.state === "skipped" && m.kind === "reminder_2h" && m.patientLastName)).toBe(
      true,
    );

    const pages: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await owner.messages.log({ limit: 4, cursor });
      pages.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages).toEqual(all.items.map((m) => m.id));

    const from = new Date(Date.now() + 3 * DAY);
    const to = new Date(Date.now() + 10 * DAY);
    const window = await owner.messages.log({ from, to, limit: 200 });
    expect(window.items.every((m) => m.dueAt >= from && m.dueAt < to)).toBe(true);
    expect(window.items.length).toBe(all.items.filter((m) => m.dueAt >= from && m.dueAt < to).length);
  });

  test("the owner switches the 24 h reminder off: new bookings get only the 2 h one, queued ones are not sent", async () => {
    const owner = callerFor(b.owner, b.slug);
    expect(await owner.messages.settings()).toEqual({ reminder24h: true, reminder2h: true });
    const queuedBefore = await bookFollowUp(b, at(b, futureDate(2, 22), "09:00"), (await newPatient(b)).id);
    expect(await owner.messages.updateSettings({ reminder24h: false })).toEqual({
      reminder24h: false,
      reminder2h: true,
    });
    const after = await bookFollowUp(b, at(b, futureDate(3, 22), "09:00"), (await newPatient(b)).id);
    expect((await messagesOf(b.id, after.id)).map((m) => m.kind)).toEqual(["confirmation", "reminder_2h"]);
    await deliverDue(new Date(queuedBefore.startsAt.getTime() - DAY));
    expect((await messagesOf(b.id, queuedBefore.id)).find((m) => m.kind === "reminder_24h")).toMatchObject({
      state: "skipped",
      skipReason: "disabled",
    });
    await owner.messages.updateSettings({ reminder24h: true });
  });
});

// A patient books on the clinic's public page: only real free times, a new self-booked patient
// record, a confirmation email with a calendar file and a link to cancel or move it.
import { beforeAll, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { appointments, appointmentTypes, emailOutbox, messages, patients } from "@/db/schema";
import { env } from "@/server/env";
import { runStarts } from "@/server/scheduling/availability";
import { anonymousCaller, refusal, shownMessage } from "../fixtures/callers";
import { seedClinic, type SeededClinic } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";
import { rowCounts } from "../fixtures/snapshot";
import { deliverDue } from "./messages-fixtures";

let a: SeededClinic;
let followUp: string;
let shortFollowUp: string;
const DAY = 86_400_000;
const publicApi = () => anonymousCaller().booking;

beforeAll(async () => {
  // One person books many times here; the booking limits have their own file (abuse-limits.test.ts).
  env.LIMIT_BOOKING_PER_EMAIL_DAY = 1000;
  a = await seedClinic();
  const rows = await adminDb().select().from(appointmentTypes).where(eq(appointmentTypes.clinicId, a.id));
  followUp = rows.find((t) => t.name === "Follow-up")!.id;
  shortFollowUp = rows.find((t) => t.name === "Short follow-up")!.id;
});

async function freeSlots() {
  const from = new Date(Date.now() + 2 * DAY);
  const slots = await publicApi().slots({
    slug: a.slug,
    typeId: followUp,
    from,
    to: new Date(from.getTime() + 10 * DAY),
  });
  return slots.flatMap((s) => runStarts(s.runs, s.stepMinutes));
}

async function firstFreeSlot() {
  const start = (await freeSlots())[0];
  expect(start, "the clinic offers at least one free time in ten days").toBeDefined();
  return start!;
}

/** A free time at least two hours after `after`. */
async function freeSlotAfter(after: Date) {
  const start = (await freeSlots()).find((s) => s.getTime() >= after.getTime() + 2 * 3_600_000);
  expect(start).toBeDefined();
  return start!;
}

const details = { firstName: "Noor", lastName: "Haddad", email: "noor.haddad@example.com", phone: "(541) 555-0142" };

describe("the public booking page", () => {
  test("shows the clinic's hours, online types and clinicians; an unknown clinic is a clear 404", async () => {
    const clinic = await publicApi().clinic({ slug: a.slug });
    expect(clinic.openingHours.mon).toEqual([{ start: "07:00", end: "19:00" }]);
    expect(clinic.openingHours.sat).toEqual([]);
    expect(clinic.types.map((t) => t.name)).toEqual(["Follow-up", "Initial evaluation"]);
    expect(clinic.clinicians.map((c) => c.id)).toEqual([a.clinician.id]);
    const error = await refusal(publicApi().clinic({ slug: "no-such-clinic" }));
    expect(shownMessage(error)).toBe("There is no clinic at this address.");
  });

  test("a type the clinic does not offer online is refused", async () => {
    const error = await refusal(
      publicApi().slots({ slug: a.slug, typeId: shortFollowUp, from: new Date(), to: new Date(Date.now() + DAY) }),
    );
    expect(shownMessage(error)).toBe("That appointment type is not offered.");
  });

  test("booking with 'any clinician' creates the patient, the appointment and one confirmation email with an .ics", async () => {
    const startsAt = await firstFreeSlot();
    const done = await publicApi().book({ slug: a.slug, typeId: followUp, clinicianId: "any", startsAt, ...details });
    expect(done.clinicianName).toBe(a.clinician.name);
    const [patient] = await adminDb().select().from(patients).where(eq(patients.email, details.email));
    expect(patient).toMatchObject({ clinicId: a.id, firstName: "Noor", lastName: "Haddad" });
    const [appt] = await adminDb().select().from(appointments).where(eq(appointments.id, done.appointmentId));
    expect(appt).toMatchObject({ patientId: patient!.id, source: "online", status: "booked", startsAt });
    // The confirmation is queued with the booking; the worker sends it (here: deliverDue, as the worker does).
    const queued = await adminDb().select().from(messages).where(eq(messages.appointmentId, done.appointmentId));
    expect(queued.map((m) => [m.kind, m.state])).toContainEqual(["confirmation", "pending"]);
    expect(await adminDb().select().from(emailOutbox).where(eq(emailOutbox.to, details.email))).toEqual([]);
    await deliverDue(new Date());
    const mail = await adminDb().select().from(emailOutbox).where(eq(emailOutbox.to, details.email));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toMatch(/^Booked: Follow-up at /);
    const ics = mail[0]!.attachments?.[0];
    expect(ics?.filename).toBe("appointment.ics");
    expect(ics?.content).toContain(
      `DTSTART:${startsAt
        .toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d{3}/, "")}`,
    );
    const emailed = new RegExp(`/book/${a.slug}/manage/([\\w-]+\\.[\\w-]+)`).exec(mail[0]!.text)?.[1] ?? "";
    expect((await publicApi().manage({ token: emailed })).id).toBe(done.appointmentId);

    // the same email books again: a booking never attaches to a record by email, each is its own self-booked record
    const again = await publicApi().book({
      slug: a.slug,
      typeId: followUp,
      clinicianId: a.clinician.id,
      startsAt: await freeSlotAfter(startsAt),
      ...details,
      firstName: "NOOR",
    });
    const rows = await adminDb().select().from(patients).where(eq(patients.email, details.email));
    expect(rows.map((r) => [r.firstName, r.selfBookedAt !== null])).toEqual([
      ["Noor", true],
      ["NOOR", true],
    ]);
    await publicApi().cancel({ token: again.manageToken });
  });

  test("a time that is gone is refused with a clear message and nothing is written", async () => {
    const startsAt = await firstFreeSlot();
    await publicApi().book({
      slug: a.slug,
      typeId: followUp,
      clinicianId: a.clinician.id,
      startsAt,
      ...details,
      email: "first@example.com",
    });
    const before = await rowCounts();
    const error = await refusal(
      publicApi().book({
        slug: a.slug,
        typeId: followUp,
        clinicianId: "any",
        startsAt,
        ...details,
        email: "second@example.com",
      }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(await rowCounts()).toMatchObject({ appointments: before.appointments, email_outbox: before.email_outbox });
  });

  test("past times and bad details are refused with specific messages", async () => {
    const past = await refusal(
      publicApi().book({
        slug: a.slug,
        typeId: followUp,
        clinicianId: a.clinician.id,
        startsAt: new Date(Date.now() - DAY),
        ...details,
      }),
    );
    expect(shownMessage(past)).toMatch(/already passed|closed|outside/);
    const bad = await refusal(
      publicApi().book({
        slug: a.slug,
        typeId: followUp,
        clinicianId: "any",
        startsAt: new Date(),
        ...details,
        email: "nope",
        firstName: "",
      }),
    );
    expect(shownMessage(bad)).toMatch(/First name: Enter your first name/);
    expect(shownMessage(bad)).toMatch(/Email: Enter a valid email address/);
  });

  test("beyond the booking horizon, too soon, or with an over-long name is refused; unicode names are welcome", async () => {
    const farAway = new Date(Date.now() + 90 * DAY);
    const far = await refusal(
      publicApi().book({ slug: a.slug, typeId: followUp, clinicianId: a.clinician.id, startsAt: farAway, ...details }),
    );
    expect(shownMessage(far)).toMatch(/at most 60 days ahead|closed|outside/);
    const soon = await refusal(
      publicApi().book({
        slug: a.slug,
        typeId: followUp,
        clinicianId: a.clinician.id,
        startsAt: new Date(Date.now() + 30 * 60_000),
        ...details,
      }),
    );
    expect(shownMessage(soon)).toMatch(/at least 2 hours ahead|closed|outside|already passed/);
    const long = await refusal(
      publicApi().book({
        slug: a.slug,
        typeId: followUp,
        clinicianId: "any",
        startsAt: await firstFreeSlot(),
        ...details,
        lastName: "x".repeat(81),
      }),
    );
    expect(shownMessage(long)).toBe("Last name: Use at most 80 characters for your last name");
    const done = await publicApi().book({
      slug: a.slug,
      typeId: followUp,
      clinicianId: "any",
      startsAt: await firstFreeSlot(),
      ...details,
      firstName: "Zoë",
      lastName: "Łukasiewicz-Nguyễn",
      email: "zoe@example.com",
    });
    const [p] = await adminDb().select().from(patients).where(eq(patients.email, "zoe@example.com"));
    expect(p).toMatchObject({ firstName: "Zoë", lastName: "Łukasiewicz-Nguyễn" });
    await publicApi().cancel({ token: done.manageToken });
  });

  test("another clinic's type or clinician cannot be booked through this clinic's page", async () => {
    const b = await seedClinic();
    const [bType] = await adminDb().select().from(appointmentTypes).where(eq(appointmentTypes.clinicId, b.id));
    const startsAt = await firstFreeSlot();
    const before = await rowCounts();
    const foreignType = await refusal(
      publicApi().book({ slug: a.slug, typeId: bType!.id, clinicianId: "any", startsAt, ...details }),
    );
    expect(shownMessage(foreignType)).toBe("That appointment type is not offered.");
    const foreignClinician = await refusal(
      publicApi().book({ slug: a.slug, typeId: followUp, clinicianId: b.clinician.id, startsAt, ...details }),
    );
    expect(foreignClinician.code).toBe("NOT_FOUND");
    expect(await rowCounts()).toEqual(before);
  });

  test("the manage link shows the appointment, moves it, and cancels it; a tampered link is refused", async () => {
    const startsAt = await firstFreeSlot();
    const done = await publicApi().book({
      slug: a.slug,
      typeId: followUp,
      clinicianId: a.clinician.id,
      startsAt,
      ...details,
      email: "mover@example.com",
    });
    const view = await publicApi().manage({ token: done.manageToken });
    expect(view).toMatchObject({ status: "booked", typeName: "Follow-up", changeable: true });
    const later = await freeSlotAfter(startsAt);
    const moved = await publicApi().reschedule({ token: done.manageToken, startsAt: later });
    expect(moved.startsAt).toEqual(later);
    const cancelled = await publicApi().cancel({ token: done.manageToken });
    expect(cancelled.status).toBe("cancelled");
    const tampered = await refusal(publicApi().manage({ token: `${done.manageToken.slice(0, -2)}xx` }));
    expect(tampered.code).toBe("UNAUTHORIZED");
  });
});

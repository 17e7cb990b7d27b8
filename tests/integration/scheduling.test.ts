// Booking through the real API on real PostgreSQL: the database refuses double bookings, racing
// requests for one slot produce exactly one appointment, and bad requests change nothing.
import { appDb } from "@/db/client";
import { findUserByEmail } from "@/server/auth/sign-in";
import { beforeAll, describe, expect, test } from "vitest";
import { and, eq } from "drizzle-orm";
import { appointments, appointmentTypes, auditLog } from "@/db/schema";
import { runStarts } from "@/server/scheduling/availability";
import { wallTimeToUtc } from "@/server/scheduling/zoned-time";
import { callerFor, refusal, shownMessage } from "../fixtures/callers";
import { seedClinic, type SeededClinic } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";
import { rowCounts } from "../fixtures/snapshot";

let a: SeededClinic;
let b: SeededClinic;
let types: Record<string, string>;

/** A weekday date (YYYY-MM-DD) at least `minDays` ahead whose getUTCDay() is `weekday`. */
function futureDate(weekday: number, minDays = 8): string {
  const d = new Date(Date.now() + minDays * 86_400_000);
  while (d.getUTCDay() !== weekday) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
const MONDAY = futureDate(1);
const SATURDAY = futureDate(6);
const at = (date: string, time: string) => wallTimeToUtc(date, time, a.timeZone);

beforeAll(async () => {
  a = await seedClinic();
  b = await seedClinic();
  const rows = await adminDb().select().from(appointmentTypes).where(eq(appointmentTypes.clinicId, a.id));
  types = Object.fromEntries(rows.map((t) => [t.name, t.id]));
});

const book = (startsAt: Date, overrides: Partial<{ patientId: string; typeId: string; clinicianId: string }> = {}) =>
  callerFor(a.frontDesk, a.slug).scheduling.book({
    clinicianId: a.clinician.id,
    patientId: a.patients[0]!.id,
    typeId: types["Follow-up"]!,
    startsAt,
    ...overrides,
  });

describe("booking", () => {
  test("a new clinic starts with the three appointment types", () => {
    expect(Object.keys(types).sort()).toEqual(["Follow-up", "Initial evaluation", "Short follow-up"]);
  });

  test("the front desk books a free time and the calendar shows it in place", async () => {
    const startsAt = at(MONDAY, "09:00");
    const appt = await book(startsAt);
    expect(appt.endsAt.getTime() - startsAt.getTime()).toBe(45 * 60_000);
    const cal = await callerFor(a.clinician, a.slug).scheduling.calendar({
      from: at(MONDAY, "00:00"),
      to: at(MONDAY, "23:59"),
    });
    expect(cal.appointments.map((x) => [x.id, x.patientLastName, x.status])).toEqual([
      [appt.id, a.patients[0]!.lastName, "booked"],
    ]);
    // and the audit log says who booked what, in the same transaction
    const [entry] = await adminDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.clinicId, a.id), eq(auditLog.entityId, appt.id)));
    expect(entry).toMatchObject({
      action: "appointment.book",
      actorUserId: a.frontDesk.id,
      details: { startsAt: startsAt.toISOString(), patientId: a.patients[0]!.id, source: "front_desk" },
    });
  });

  test("a second booking over the same clinician's time is refused with the next free times", async () => {
    const error = await refusal(book(at(MONDAY, "09:15"), { patientId: a.patients[1]!.id }));
    expect(error.code).toBe("CONFLICT");
    expect(shownMessage(error)).toBe("That time was just taken — here are the next free times.");
    const next = (error.cause as { details?: { nextFreeTimes?: Date[] } }).details?.nextFreeTimes ?? [];
    expect(next.length).toBeGreaterThan(0);
    expect(next[0]!.getTime()).toBeGreaterThanOrEqual(at(MONDAY, "09:45").getTime());
  });

  test("a patient cannot hold two overlapping appointments, even with different clinicians", async () => {
    await callerFor(a.owner, a.slug).team.invite({
      email: `second-pt@${a.slug}.example`,
      name: "Second PT",
      role: "clinician",
    });
    const other = (await findUserByEmail(appDb(), `second-pt@${a.slug}.example`))!;
    const error = await refusal(book(at(MONDAY, "09:30"), { clinicianId: other.id }));
    expect(shownMessage(error)).toBe("This patient already has an appointment at that time.");
  });

  test.each([
    ["on a closed day", () => at(SATURDAY, "10:00"), "The clinic is closed that day."],
    ["before opening", () => at(MONDAY, "06:00"), /outside .* working hours/],
    ["running past closing", () => at(MONDAY, "18:30"), /run past closing/],
    ["in the past", () => new Date(Date.now() - 86_400_000), /already passed|closed that day|outside/],
  ])("a booking %s is refused with a specific reason and nothing is written", async (_label, when, message) => {
    const before = await rowCounts();
    const error = await refusal(book(when(), { patientId: a.patients[1]!.id }));
    expect(shownMessage(error)).toMatch(message);
    expect(await rowCounts()).toEqual(before);
  });

  test("another clinic's clinician, patient or type is refused as unknown", async () => {
    const before = await rowCounts();
    for (const overrides of [
      { clinicianId: b.clinician.id },
      { patientId: b.patients[0]!.id },
      { typeId: b.patients[0]!.id },
    ]) {
      const error = await refusal(book(at(MONDAY, "11:00"), overrides));
      expect(error.code).toBe("NOT_FOUND");
    }
    expect(await rowCounts()).toEqual(before);
  });

  test("bad input names the field", async () => {
    const error = await refusal(
      callerFor(a.frontDesk, a.slug).scheduling.book({
        clinicianId: "nope",
        patientId: a.patients[0]!.id,
        typeId: types["Follow-up"]!,
        startsAt: new Date("invalid"),
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(shownMessage(error)).toMatch(/Clinician id: Unknown clinician/);
  });
});

describe("racing for one slot", () => {
  test("twenty concurrent requests for the same time produce exactly one appointment", async () => {
    const startsAt = at(MONDAY, "14:00");
    const patients = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        callerFor(a.frontDesk, a.slug).patients.create({ firstName: "Racer", lastName: `Number${i}` }),
      ),
    );
    const results = await Promise.allSettled(patients.map((p) => book(startsAt, { patientId: p.id })));
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost.map((r) => shownMessage(r.reason))).toEqual(
      Array(19).fill("That time was just taken — here are the next free times."),
    );
    const rows = await adminDb().select().from(appointments).where(eq(appointments.startsAt, startsAt));
    expect(rows).toHaveLength(1);
  });
});

describe("changing an appointment", () => {
  test("reschedule, check in, complete; a cancelled time can be booked again", async () => {
    const asDesk = callerFor(a.frontDesk, a.slug).scheduling;
    const appt = await book(at(MONDAY, "16:00"), { patientId: a.patients[1]!.id });
    const moved = await asDesk.reschedule({ id: appt.id, startsAt: at(MONDAY, "16:30") });
    expect(moved.startsAt).toEqual(at(MONDAY, "16:30"));

    const clash = await refusal(asDesk.reschedule({ id: appt.id, startsAt: at(MONDAY, "09:00") }));
    expect(clash.code).toBe("CONFLICT");

    expect((await asDesk.setStatus({ id: appt.id, status: "checked_in" })).status).toBe("checked_in");
    expect((await asDesk.setStatus({ id: appt.id, status: "completed" })).status).toBe("completed");
    const cancelDone = await refusal(asDesk.cancel({ id: appt.id, reason: "Too late" }));
    expect(shownMessage(cancelDone)).toBe("A completed appointment cannot be cancelled.");

    const other = await book(at(MONDAY, "11:00"), { patientId: a.patients[1]!.id });
    await asDesk.cancel({ id: other.id, reason: "Patient is unwell" });
    const again = await book(at(MONDAY, "11:00"));
    expect(again.startsAt).toEqual(at(MONDAY, "11:00"));
  });
});

describe("scheduling set-up", () => {
  test("time off and closures remove free times; removing them gives the times back", async () => {
    const asOwner = callerFor(a.owner, a.slug).scheduling;
    const free = async () =>
      (
        await asOwner.availability({
          typeId: types["Follow-up"]!,
          clinicianId: a.clinician.id,
          from: at(MONDAY, "00:00"),
          to: at(MONDAY, "23:59"),
        })
      ).flatMap((c) => runStarts(c.runs, c.stepMinutes));
    const before = await free();
    expect(before.some((s) => s.getTime() === at(MONDAY, "12:00").getTime())).toBe(true);

    const off = await asOwner.addTimeOff({
      clinicianId: a.clinician.id,
      startsAt: at(MONDAY, "12:00"),
      endsAt: at(MONDAY, "13:00"),
      reason: "Dentist",
    });
    expect((await free()).filter((s) => s >= at(MONDAY, "11:20") && s < at(MONDAY, "13:00"))).toEqual([]);
    await asOwner.removeTimeOff({ id: off.id });

    const closure = await asOwner.addClosure({
      startsAt: at(MONDAY, "00:00"),
      endsAt: at(MONDAY, "23:59"),
      reason: "Staff training",
    });
    expect(await free()).toEqual([]);
    const error = await refusal(book(at(MONDAY, "12:00"), { patientId: a.patients[1]!.id }));
    expect(shownMessage(error)).toBe("The clinic is closed at that time.");
    await asOwner.removeClosure({ id: closure.id });
    expect(await free()).toEqual(before);
  });

  test("a clinician with appointments cannot be removed from the team: the owner is told why and nothing changes", async () => {
    const before = await rowCounts();
    const error = await refusal(callerFor(a.owner, a.slug).team.remove({ userId: a.clinician.id }));
    expect(error.code).toBe("CONFLICT");
    expect(shownMessage(error)).toMatch(
      /^This clinician has \d+ upcoming appointments?\. Move or cancel them on the calendar first/,
    );
    expect(await rowCounts()).toEqual(before);
  });

  test("a clinician's own working hours narrow the clinic's", async () => {
    const asOwner = callerFor(a.owner, a.slug).scheduling;
    const week = { mon: [{ start: "13:00", end: "17:00" }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    await asOwner.setClinicianHours({ clinicianId: a.clinician.id, hours: week });
    const error = await refusal(book(at(MONDAY, "10:00"), { patientId: a.patients[1]!.id }));
    expect(shownMessage(error)).toMatch(/outside .* working hours/);
    await asOwner.setClinicianHours({ clinicianId: a.clinician.id, hours: null });
  });

  test("only the owner changes types and rules; bad values are refused with a reason", async () => {
    const asDesk = callerFor(a.frontDesk, a.slug).scheduling;
    const asOwner = callerFor(a.owner, a.slug).scheduling;
    expect(
      (await refusal(asDesk.updateRules({ minNoticeMinutes: 0, maxAdvanceDays: 30, slotGranularityMinutes: 15 }))).code,
    ).toBe("FORBIDDEN");
    const bad = await refusal(
      asOwner.createType({
        name: "",
        durationMinutes: 0,
        bufferMinutes: -5,
        priceMinor: 0,
        color: "teal",
        onlineBookable: true,
        active: true,
      }),
    );
    expect(shownMessage(bad)).toMatch(
      /Name: Enter a name.*Duration minutes: At least 5 minutes.*Buffer minutes: Cannot be negative.*Color: Use a colour/,
    );
    const created = await asOwner.createType({
      name: "Dry needling",
      durationMinutes: 20,
      bufferMinutes: 5,
      priceMinor: 6000,
      color: "#aa3300",
      onlineBookable: false,
      active: true,
    });
    const setup = await asDesk.setup();
    expect(setup.types.map((t) => t.name)).toContain("Dry needling");
    await asOwner.updateType({ ...created, active: false });
    expect((await refusal(book(at(MONDAY, "15:00"), { typeId: created.id, patientId: a.patients[1]!.id }))).code).toBe(
      "NOT_FOUND",
    );
  });
});

// Free times computed by multirange arithmetic in PostgreSQL (server/scheduling/free-ranges.ts) on a
// day the clocks change: clinic hours ∩ the clinician's hours, minus a closure, time off and a booking,
// cut into starts on the wall-clock grid; and the same answer as the JavaScript engine over two weeks.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { appDb } from "@/db/client";
import { appointmentTypes, clinics, memberships } from "@/db/schema";
import { findFreeRuns, runStarts } from "@/server/scheduling/availability";
import { freeRuns } from "@/server/scheduling/free-ranges";
import { loadAvailabilityInput, STAFF_RULES } from "@/server/scheduling/load-availability";
import { withClinic } from "@/server/tenancy";
import { wallTimeToUtc } from "@/server/scheduling/zoned-time";
import { callerFor } from "../fixtures/callers";
import { seedClinic, type SeededClinic } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";

// Denver springs forward at 02:00 on Sunday 14 March 2027 (02:00 MST → 03:00 MDT): wall times
// 02:00–02:59 do not happen that day, and 02:30 is read as the moment the clock jumps (09:00Z).
const DST_SUNDAY = "2027-03-14";
const iso = (s: string) => new Date(s).toISOString();

let a: SeededClinic;
let types: Record<string, string>;

beforeAll(async () => {
  a = await seedClinic();
  const rows = await adminDb().select().from(appointmentTypes).where(eq(appointmentTypes.clinicId, a.id));
  types = Object.fromEntries(rows.map((t) => [t.name, t.id]));
  const weekday = [
    { start: "08:00", end: "12:00" },
    { start: "13:00", end: "18:00" },
  ];
  // Sunday hours in two parts that meet at the jump: 01:30–02:00 MST and 02:30 (= 03:00 MDT)–05:00.
  const sunday = [
    { start: "01:30", end: "02:00" },
    { start: "02:30", end: "05:00" },
  ];
  await adminDb()
    .update(clinics)
    .set({
      openingHours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: sunday },
    })
    .where(eq(clinics.id, a.id));
  const owner = callerFor(a.owner, a.slug).scheduling;
  // The clinician starts at 01:30 on Sundays and ends at 16:00 on weekdays.
  const own = [{ start: "08:00", end: "16:00" }];
  await owner.setClinicianHours({
    clinicianId: a.clinician.id,
    hours: { mon: own, tue: own, wed: own, thu: own, fri: own, sat: [], sun: [{ start: "01:30", end: "06:00" }] },
  });
  const at = (time: string) => wallTimeToUtc(DST_SUNDAY, time, a.timeZone);
  await owner.addTimeOff({ clinicianId: a.clinician.id, startsAt: at("01:40"), endsAt: at("01:50"), reason: "Errand" });
  await owner.addClosure({ startsAt: at("04:45"), endsAt: at("05:00"), reason: "Fire drill" });
  await callerFor(a.frontDesk, a.slug).scheduling.book({
    clinicianId: a.clinician.id,
    patientId: a.patients[0]!.id,
    typeId: types["Short follow-up"]!,
    startsAt: at("03:45"),
  });
});

/** The SQL path as the staff API calls it: staff rules (5-minute grid), in the clinic's transaction. */
const sqlFreeRuns = (typeId: string, range: { from: Date; to: Date; clinicianId?: string }) =>
  withClinic(appDb(), a.id, (tx) =>
    freeRuns(tx, a, { typeId, ...range, online: false, now: new Date(), rules: STAFF_RULES }),
  );

describe("free times from PostgreSQL's multiranges", () => {
  test("on the day the clocks jump: hours across the gap, time off, a booking and a closure leave exactly these starts", async () => {
    const free = await sqlFreeRuns(types["Short follow-up"]!, {
      clinicianId: a.clinician.id,
      from: wallTimeToUtc(DST_SUNDAY, "00:00", a.timeZone),
      to: wallTimeToUtc("2027-03-15", "00:00", a.timeZone),
    });
    expect(free).toHaveLength(1);
    const starts = runStarts(free[0]!.runs, free[0]!.stepMinutes).map((d) => d.toISOString());
    expect(starts).toEqual([
      // 01:30–01:45 MST are within 30 minutes of the time off (01:40–01:50)
      iso("2027-03-14T08:50:00Z"), // 01:50 MST
      iso("2027-03-14T08:55:00Z"), // 01:55 MST, runs on past the jump:
      iso("2027-03-14T09:00:00Z"), // 03:00 MDT
      iso("2027-03-14T09:05:00Z"),
      iso("2027-03-14T09:10:00Z"),
      iso("2027-03-14T09:15:00Z"), // 03:15 MDT, the last that ends by the 03:45 booking
      iso("2027-03-14T10:15:00Z"), // 04:15 MDT, after the booking and before the 04:45 closure
    ]);
  });

  test("over two weeks around the jump, every clinician and type: the same runs as the JavaScript engine", async () => {
    const from = wallTimeToUtc("2027-03-08", "00:00", a.timeZone);
    const to = wallTimeToUtc("2027-03-22", "00:00", a.timeZone);
    for (const typeId of Object.values(types)) {
      const free = await sqlFreeRuns(typeId, { from, to });
      const engine = await withClinic(appDb(), a.id, async (tx) => {
        const input = await loadAvailabilityInput(tx, a.id, {
          type: { lookup: typeId },
          from,
          to,
          now: new Date(),
          rules: STAFF_RULES,
        });
        return findFreeRuns(input).map((c) => ({ ...c, name: input.clinicianNames.get(c.clinicianId) ?? "" }));
      });
      expect(free.some((c) => c.runs.length > 0)).toBe(true);
      expect(free).toEqual(engine);
    }
  });
  test("bookings of someone who no longer takes appointments block no one else, and they are not offered", async () => {
    // The owner takes one booking on Tuesday 9 March at 09:00, then stops taking appointments.
    const type = types["Short follow-up"]!;
    const nine = wallTimeToUtc("2027-03-09", "09:00", a.timeZone);
    await callerFor(a.owner, a.slug).team.setTakesAppointments({ userId: a.owner.id, takesAppointments: true });
    await callerFor(a.frontDesk, a.slug).scheduling.book({
      clinicianId: a.owner.id,
      patientId: a.patients[1]!.id,
      typeId: type,
      startsAt: nine,
    });
    await adminDb()
      .update(memberships)
      .set({ takesAppointments: false })
      .where(and(eq(memberships.clinicId, a.id), eq(memberships.userId, a.owner.id)));
    const from = wallTimeToUtc("2027-03-08", "00:00", a.timeZone);
    const to = wallTimeToUtc("2027-03-15", "00:00", a.timeZone);
    const free = await sqlFreeRuns(type, { from, to });
    expect(free.map((c) => c.clinicianId)).toEqual([a.clinician.id]);
    const starts = runStarts(free[0]!.runs, free[0]!.stepMinutes).map((d) => d.toISOString());
    expect(starts).toContain(nine.toISOString());
    const engine = await withClinic(appDb(), a.id, async (tx) =>
      findFreeRuns(
        await loadAvailabilityInput(tx, a.id, {
          type: { lookup: type },
          from,
          to,
          now: new Date(),
          rules: STAFF_RULES,
        }),
      ),
    );
    expect(free.map(({ clinicianId, runs }) => ({ clinicianId, runs }))).toEqual(
      engine.map(({ clinicianId, runs }) => ({ clinicianId, runs })),
    );
  });
});

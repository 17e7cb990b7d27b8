// The dashboard's local time in a zone with a half-hour offset and a Southern-hemisphere clock
// change: Australia/Adelaide, ACDT (+10:30) until Sunday 5 April 2026 03:00, when the clock goes
// back to 02:00 ACST (+09:30), at 2026-04-04T16:30:00Z. The dashboard works out weekdays, weeks and
// minutes of the day from the zone's offsets as JavaScript finds them (counts.ts), so a wrong offset,
// a whole-hour offset or a missed clock change moves a visit to another day, week or hour here.
// Every expected number is worked out by hand in the comments; the live queries must agree too.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { appDb } from "@/db/client";
import { appointments, appointmentTypes, clinics, patients, payments } from "@/db/schema";
import { dashboardScope, loadDashboard, type Viewer } from "@/server/dashboard/load";
import type { DashboardFilters } from "@/server/dashboard/schemas";
import { parseUtilization, type UtilizationKpi } from "@/server/dashboard/utilization";
import { withClinic } from "@/server/tenancy";
import { seedClinic, type SeededClinic } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";
import * as live from "../fixtures/dashboard-live";

const TZ = "Australia/Adelaide";
const NOW = new Date("2026-04-20T00:00:00Z");
/** Two weeks: Mon 30 March – Sun 12 April 2026 (the first has the 25-hour Sunday). */
const PERIOD: DashboardFilters = { preset: "custom", from: "2026-03-30", to: "2026-04-12" };

let a: SeededClinic;
const viewer = (): Viewer => ({ clinicId: a.id, timeZone: TZ, userId: a.owner.id, role: "owner" });

beforeAll(async () => {
  a = await seedClinic();
  const db = adminDb();
  // Open only on Sundays, all day: available time is then each Sunday's real length.
  await db
    .update(clinics)
    .set({
      timeZone: TZ,
      openingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [{ start: "00:00", end: "24:00" }] },
    })
    .where(eq(clinics.id, a.id));
  const [type] = await db
    .insert(appointmentTypes)
    .values({ clinicId: a.id, name: "Session", durationMinutes: 60 })
    .returning({ id: appointmentTypes.id });
  const [patient] = await db
    .insert(patients)
    .values({ clinicId: a.id, firstName: "Ada", lastName: "Zone" })
    .returning({ id: patients.id });
  const visit = (start: string, minutes: number) => {
    const startsAt = new Date(start);
    const endsAt = new Date(startsAt.getTime() + minutes * 60_000);
    return {
      clinicId: a.id,
      clinicianId: a.clinician.id,
      patientId: patient!.id,
      typeId: type!.id,
      startsAt,
      endsAt,
      blockedUntil: endsAt,
      status: "completed" as const,
    };
  };
  await db.insert(appointments).values([
    // #1 Mon 30 March 09:00 ACDT (+10:30) = 29 March 22:30Z: Monday of the first week (Sunday in UTC)
    visit("2026-03-29T22:30:00Z", 60),
    // #2 Sun 5 April 02:30 ACDT, the first 02:30 = 16:00Z, 60 real minutes: the clock goes back at 16:30Z,
    //    so it ends at the second 02:30 (ACST). Both halves are in the local hour 2.
    visit("2026-04-04T16:00:00Z", 60),
    // #3 Sun 5 April 10:00 ACST (+09:30) = 00:30Z, 45 minutes
    visit("2026-04-05T00:30:00Z", 45),
    // #4 Mon 6 April 09:00 ACST = 5 April 23:30Z: Monday of the second week (Sunday in UTC; 10:00 at +10:30)
    visit("2026-04-05T23:30:00Z", 30),
    // #5 Sat 11 April 23:45 ACST = 14:15Z, 30 minutes: 15 on Saturday at 23, 15 on Sunday at 0
    //    (at a whole-hour +10:00 it would start at 00:15 on Sunday)
    visit("2026-04-11T14:15:00Z", 30),
  ]);
});

describe("a half-hour zone across a Southern-hemisphere clock change", () => {
  test("visits: 3 in the week of 30 March (#1–#3), 2 in the week of 6 April (#4, #5)", async () => {
    const d = await withClinic(appDb(), a.id, (tx) => loadDashboard(tx, viewer(), PERIOD, NOW));
    expect(d.visits.current).toBe(5);
    expect(d.visits.previous).toBe(0);
    expect(d.visits.weekly).toEqual([
      { week: "2026-03-30", visits: 3 },
      { week: "2026-04-06", visits: 2 },
    ]);
  });

  test("utilization: 225 booked of 2,940 available minutes; Sunday 5 April has 25 hours", async () => {
    const d = await withClinic(appDb(), a.id, (tx) => loadDashboard(tx, viewer(), PERIOD, NOW));
    // booked 60 + 60 + 45 + 30 + 30 = 225; available: Sunday 5 April 25 h = 1,500, Sunday 12 April 1,440
    expect(d.utilization.current).toEqual({ booked: 225, available: 2940, appointments: 5 });
    // the two Sundays before: 22 and 29 March, 24 hours each
    expect(d.utilization.previous).toEqual({ booked: 0, available: 2880 });
    expect(d.utilization.byClinician).toEqual([{ clinicianId: a.clinician.id, booked: 225, available: 2940 }]);
    expect(d.utilization.weekly).toEqual([
      { week: "2026-03-30", booked: 165, available: 1500 }, // #1–#3
      { week: "2026-04-06", booked: 60, available: 1440 }, // #4, #5
    ]);
    // Sunday: every hour open on both Sundays (120), hour 2 three times (the repeated hour on 5 April)
    const sunday = Array.from({ length: 24 }, (_, hour) => ({
      isoDay: 7,
      hour,
      booked: hour === 0 ? 15 : hour === 2 ? 60 : hour === 10 ? 45 : 0, // #5's second half, #2, #3
      available: hour === 2 ? 180 : 120,
    }));
    expect(d.utilization.heat).toEqual([
      { isoDay: 1, hour: 9, booked: 90, available: 0 }, // #1 and #4
      { isoDay: 6, hour: 23, booked: 15, available: 0 }, // #5's first half
      ...sunday,
    ]);
  });

  test("revenue by week: ledger rows on either side of local midnight, across the clock change", async () => {
    const currency = (await adminDb().select({ c: clinics.currency }).from(clinics).where(eq(clinics.id, a.id)))[0]!.c;
    const [patient] = await adminDb()
      .insert(patients)
      .values({ clinicId: a.id, firstName: "Ledger", lastName: "Zone" })
      .returning({ id: patients.id });
    const row = (key: string, kind: "visit_charge" | "payment", amount: number, at: string) => ({
      clinicId: a.id,
      patientId: patient!.id,
      kind,
      amountMinor: amount,
      currency,
      status: "succeeded" as const,
      method: kind === "payment" ? ("cash" as const) : null,
      idempotencyKey: `zones:${key}`,
      createdAt: new Date(at),
    });
    await adminDb()
      .insert(payments)
      .values([
        // Mon 30 March 00:10 ACDT (+10:30) = 29 March 13:40Z: the first week (at +09:30 it would be Sunday 29 March)
        row("a", "payment", 4000, "2026-03-29T13:40:00Z"),
        // Sun 5 April 23:50 ACST (+09:30, after the change) = 14:20Z: still the first week (+10:30: Monday 6 April)
        row("b", "visit_charge", 1000, "2026-04-05T14:20:00Z"),
        // Mon 6 April 00:10 ACST = 5 April 14:40Z: the second week
        row("c", "payment", 2000, "2026-04-05T14:40:00Z"),
      ]);
    const d = await withClinic(appDb(), a.id, (tx) => loadDashboard(tx, viewer(), PERIOD, NOW));
    expect(d.revenue.current).toMatchObject({ charged: 1000, collected: 6000 });
    expect(d.revenue.weekly).toEqual([
      { week: "2026-03-30", charged: 1000, collected: 4000, refunded: 0 },
      { week: "2026-04-06", charged: 0, collected: 2000, refunded: 0 },
    ]);
  });

  test("the live queries agree", async () => {
    await withClinic(appDb(), a.id, async (tx) => {
      const d = await loadDashboard(tx, viewer(), PERIOD, NOW);
      const s = dashboardScope(viewer(), PERIOD, NOW);
      expect(d.visits).toEqual(await live.visitsKpi(tx, s));
      expect(d.attendance).toEqual(await live.attendanceKpi(tx, s));
      expect(d.utilization).toEqual(parseUtilization((await live.utilizationKpi(tx, s)) as UtilizationKpi));
    });
  });
});

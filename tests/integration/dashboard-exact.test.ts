// The dashboard's fast path (one statement, counts per distinct start, weekly patterns for available
// time, dashboard_patient_visits kept by triggers) must give exactly the numbers of the direct live
// queries (tests/fixtures/dashboard-live.ts) — on a clinic across both clock changes of 2025–26 in
// America/Denver, for several periods and filters, and again after each kind of change: booking,
// marking, cancelling, moving, deleting, time off, a closure, new working hours, a reminder sent.
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { appDb } from "@/db/client";
import {
  appointments,
  appointmentTypes,
  clinics,
  closures,
  episodes,
  memberships,
  messages,
  patients,
  timeOff,
  users,
} from "@/db/schema";
import { dashboardScope, loadDashboard, type Viewer } from "@/server/dashboard/load";
import type { DashboardFilters } from "@/server/dashboard/schemas";
import { parseUtilization, type UtilizationKpi } from "@/server/dashboard/utilization";
import { cancelAppointment } from "@/server/scheduling/manage";
import { withClinic } from "@/server/tenancy";
import { callerFor } from "../fixtures/callers";
import { seedClinic, type SeededClinic, type StaffMember } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";
import * as live from "../fixtures/dashboard-live";

const NOW = new Date("2026-03-20T18:00:00Z");
/** Denver wall time → instant, for times away from the clock changes. */
const at = (local: string) => {
  const month = Number(local.slice(5, 7));
  const day = Number(local.slice(8, 10));
  const summer = (month > 3 || (month === 3 && day >= 8)) && (month < 11 || (month === 11 && day < 2));
  return new Date(`${local}:00${summer ? "-06:00" : "-07:00"}`);
};

let a: SeededClinic;
let c2: StaffMember;
const types: string[] = [];
const pts: string[] = [];

const viewerOf = (who: StaffMember): Viewer => ({
  clinicId: a.id,
  timeZone: "America/Denver",
  userId: who.id,
  role: who.role,
});

async function insertAppointment(v: {
  clinician: string;
  patient: number;
  type: number;
  start: Date;
  minutes: number;
}) {
  const endsAt = new Date(v.start.getTime() + v.minutes * 60_000);
  return withClinic(appDb(), a.id, async (tx) => {
    const [row] = await tx
      .insert(appointments)
      .values({
        clinicId: a.id,
        clinicianId: v.clinician,
        patientId: pts[v.patient]!,
        typeId: types[v.type]!,
        startsAt: v.start,
        endsAt,
        blockedUntil: endsAt,
      })
      .returning({ id: appointments.id });
    return row!.id;
  });
}

const setStatus = (id: string, status: "booked" | "checked_in" | "completed" | "no_show") =>
  withClinic(appDb(), a.id, (tx) =>
    tx
      .update(appointments)
      .set({ status, updatedAt: new Date() })
      .where(and(eq(appointments.clinicId, a.id), eq(appointments.id, id))),
  );

const sortBy = <T>(xs: T[]) => [...xs].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
type Kpi = Record<string, unknown>;
const sorted = (k: Kpi, keys: string[]) => ({
  ...k,
  ...Object.fromEntries(keys.map((key) => [key, sortBy(k[key] as Kpi[])])),
});

const PERIODS: DashboardFilters[] = [
  { preset: "custom", from: "2026-03-02", to: "2026-03-08" }, // the spring clock change
  { preset: "custom", from: "2025-10-27", to: "2025-11-09" }, // the autumn one
  { preset: "last_4_weeks" },
  { preset: "this_month" },
  { preset: "custom", from: "2025-06-01", to: "2026-05-31" },
];

/** Every KPI of the fast path against the live queries, for every period, unfiltered and filtered. */
async function expectLiveNumbers() {
  const asks: [StaffMember, Partial<DashboardFilters>][] = [
    [a.owner, {}],
    [a.owner, { clinicianId: c2.id }],
    [a.owner, { typeId: types[0]! }],
    [a.clinician, {}],
  ];
  for (const period of PERIODS)
    for (const [who, filter] of asks) {
      const filters = { ...period, ...filter } as DashboardFilters;
      await withClinic(appDb(), a.id, async (tx) => {
        const d = await loadDashboard(tx, viewerOf(who), filters, NOW);
        const s = dashboardScope(viewerOf(who), filters, NOW);
        const where = `${JSON.stringify(filters)} as ${who.role}`;
        expect(sorted(d.visits, ["weekly", "byClinician", "byType"]), where).toEqual(
          sorted(await live.visitsKpi(tx, s), ["weekly", "byClinician", "byType"]),
        );
        expect(d.attendance, where).toEqual(await live.attendanceKpi(tx, s));
        const util = parseUtilization((await live.utilizationKpi(tx, s)) as UtilizationKpi);
        expect(sorted(d.utilization, ["byClinician"]), where).toEqual(sorted(util, ["byClinician"]));
        expect(d.newPatients, where).toEqual(await live.newPatientsKpi(tx, s));
        expect(d.atRisk, where).toEqual(await live.atRiskRows(tx, s));
        expect(d.reminders, where).toEqual({ ...(await live.remindersKpi(tx, s)), minGroup: 30 });
      });
    }
}

/** dashboard_patient_visits row by row against the appointments themselves. */
async function expectPatientVisitsLive() {
  const db = adminDb();
  const kept = await db.execute(
    sql.raw(`SELECT patient_id, visits, first_visit_at, first_clinician_id, first_type_id, last_visit_at, last_clinician_id
       FROM dashboard_patient_visits WHERE clinic_id = '${a.id}' ORDER BY patient_id`),
  );
  const fresh = await db.execute(
    sql.raw(`SELECT patient_id, count(*)::int AS visits,
            (array_agg(starts_at ORDER BY starts_at))[1] AS first_visit_at,
            (array_agg(clinician_id ORDER BY starts_at))[1] AS first_clinician_id,
            (array_agg(type_id ORDER BY starts_at))[1] AS first_type_id,
            max(starts_at) AS last_visit_at, (array_agg(clinician_id ORDER BY starts_at DESC))[1] AS last_clinician_id
       FROM appointments WHERE clinic_id = '${a.id}' AND status IN ('checked_in', 'completed')
      GROUP BY patient_id ORDER BY patient_id`),
  );
  expect(kept.rows).toEqual(fresh.rows);
}

beforeAll(async () => {
  a = await seedClinic();
  const db = adminDb();
  const weekday = [
    { start: "08:00", end: "12:00" },
    { start: "13:00", end: "18:00" },
  ];
  await db
    .update(clinics)
    .set({
      timeZone: "America/Denver",
      openingHours: {
        mon: weekday,
        tue: weekday,
        wed: weekday,
        thu: weekday,
        fri: weekday,
        sat: [{ start: "09:00", end: "12:00" }],
        sun: [],
      },
    })
    .where(eq(clinics.id, a.id));
  await callerFor(a.owner, a.slug).team.invite({
    email: `exact@${a.slug}.example`,
    name: "Ida Exact",
    role: "clinician",
  });
  const [invited] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, `exact@${a.slug}.example`));
  c2 = { id: invited!.id, email: `exact@${a.slug}.example`, name: "Ida Exact", role: "clinician" };
  const own = [{ start: "10:00", end: "15:30" }];
  await db
    .update(memberships)
    .set({ workingHours: { mon: own, tue: own, wed: [], thu: own, fri: own, sat: own, sun: [] } })
    .where(eq(memberships.userId, c2.id));
  const made = await db
    .insert(appointmentTypes)
    .values([
      { clinicId: a.id, name: "Evaluation", durationMinutes: 60 },
      { clinicId: a.id, name: "Follow-up", durationMinutes: 45 },
    ])
    .returning({ id: appointmentTypes.id });
  types.push(...made.map((t) => t.id));
  const people = await db
    .insert(patients)
    .values(
      Array.from({ length: 8 }, (_, i) => ({
        clinicId: a.id,
        firstName: `E${i}`,
        lastName: "Exact",
        referralSource: i % 3 === 0 ? "Doctor referral" : i % 3 === 1 ? "Search engine" : null,
      })),
    )
    .returning({ id: patients.id });
  pts.push(...people.map((p) => p.id));
  // Twice a week from September to April, both clinicians, statuses by turn; Sundays across the clock changes.
  const statuses = ["completed", "completed", "no_show", "checked_in", "completed", "booked"] as const;
  let n = 0;
  for (let t = Date.parse("2025-09-01T12:00:00Z"); t < Date.parse("2026-04-20T12:00:00Z"); t += 3.5 * 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    const id = await insertAppointment({
      clinician: n % 2 ? c2.id : a.clinician.id,
      patient: n % 8,
      type: n % 2,
      start: at(`${day}T${n % 2 ? "10" : "16"}:30`),
      minutes: n % 2 ? 45 : 60,
    });
    const status = statuses[n % statuses.length]!;
    if (status !== "booked" && new Date(t) < NOW) await setStatus(id, status);
    n += 1;
  }
  // Across the clock changes: Sunday 2 November 2025 01:30 MDT → MST, Sunday 8 March 2026 01:30 MST → MDT.
  for (const start of [new Date("2025-11-02T07:30:00Z"), new Date("2026-03-08T08:30:00Z")]) {
    const id = await insertAppointment({ clinician: a.clinician.id, patient: 7, type: 0, start, minutes: 90 });
    await setStatus(id, "completed");
  }
  await db.insert(episodes).values({
    clinicId: a.id,
    patientId: pts[6]!,
    clinicianId: c2.id,
    title: "Hip",
    startedAt: at("2026-03-01T09:00"),
  });
});

describe("the fast dashboard equals the live queries", () => {
  test("as seeded", async () => {
    await expectPatientVisitsLive();
    await expectLiveNumbers();
  });

  test("after booking, marking, moving and deleting appointments", async () => {
    const first = await insertAppointment({
      clinician: c2.id,
      patient: 5,
      type: 0,
      start: at("2026-03-17T13:00"),
      minutes: 60,
    });
    await setStatus(first, "completed");
    const early = await insertAppointment({
      clinician: a.clinician.id,
      patient: 4,
      type: 1,
      start: at("2025-08-20T09:00"),
      minutes: 45,
    });
    await setStatus(early, "checked_in"); // an earlier first visit for patient 4
    await insertAppointment({
      clinician: a.clinician.id,
      patient: 2,
      type: 1,
      start: at("2026-03-25T08:00"),
      minutes: 45,
    });
    const ahead = await insertAppointment({
      clinician: c2.id,
      patient: 3,
      type: 0,
      start: at("2026-03-27T13:00"),
      minutes: 60,
    });
    await setStatus(ahead, "completed"); // marked ahead of time: after now
    await withClinic(appDb(), a.id, (tx) =>
      tx
        .update(appointments)
        .set({ startsAt: at("2026-03-16T08:00"), endsAt: at("2026-03-16T09:00"), blockedUntil: at("2026-03-16T09:00") })
        .where(and(eq(appointments.clinicId, a.id), eq(appointments.id, first))),
    );
    await withClinic(appDb(), a.id, (tx) =>
      tx.delete(appointments).where(and(eq(appointments.clinicId, a.id), eq(appointments.id, early))),
    );
    await setStatus(ahead, "booked");
    await expectPatientVisitsLive();
    await expectLiveNumbers();
  });

  test("after cancellations, late and not, and a reminder sent", async () => {
    const soon = await insertAppointment({
      clinician: c2.id,
      patient: 1,
      type: 1,
      start: at("2026-03-20T14:00"),
      minutes: 45,
    });
    const later = await insertAppointment({
      clinician: a.clinician.id,
      patient: 0,
      type: 0,
      start: at("2026-03-23T09:00"),
      minutes: 60,
    });
    const actor = { clinicId: a.id, userId: a.owner.id };
    await withClinic(appDb(), a.id, (tx) => cancelAppointment(tx, actor, { id: soon, reason: "Sick" }, NOW));
    await withClinic(appDb(), a.id, (tx) => cancelAppointment(tx, actor, { id: later, reason: "Travel" }, NOW));
    const seen = await insertAppointment({
      clinician: c2.id,
      patient: 2,
      type: 1,
      start: at("2026-03-18T14:00"),
      minutes: 45,
    });
    await setStatus(seen, "completed");
    await adminDb()
      .insert(messages)
      .values({
        clinicId: a.id,
        appointmentId: seen,
        patientId: pts[2]!,
        kind: "reminder_24h",
        key: `appt:${seen}:reminder_24h`,
        dueAt: at("2026-03-17T10:00"),
        state: "sent",
        sentAt: at("2026-03-17T10:00"),
      });
    await expectPatientVisitsLive();
    await expectLiveNumbers();
  });

  test("after time off, a closure and new working hours", async () => {
    const db = adminDb();
    await db.insert(timeOff).values([
      { clinicId: a.id, clinicianId: a.clinician.id, startsAt: at("2026-03-10T00:00"), endsAt: at("2026-03-13T00:00") },
      { clinicId: a.id, clinicianId: c2.id, startsAt: at("2026-03-03T11:00"), endsAt: at("2026-03-03T14:15") },
    ]);
    await db
      .insert(closures)
      .values({ clinicId: a.id, startsAt: at("2026-03-05T12:00"), endsAt: at("2026-03-06T09:30") });
    await db
      .insert(closures)
      .values({ clinicId: a.id, startsAt: at("2025-11-27T00:00"), endsAt: at("2025-11-29T00:00") });
    const own = [{ start: "07:00", end: "11:00" }];
    await db
      .update(memberships)
      .set({ workingHours: { mon: own, tue: [], wed: own, thu: own, fri: own, sat: [], sun: own } })
      .where(eq(memberships.userId, c2.id));
    await expectLiveNumbers();
  });
});

describe("cancelled_at", () => {
  test("a late cancel stays late when the cancelled appointment is edited afterwards", async () => {
    const id = await insertAppointment({
      clinician: c2.id,
      patient: 6,
      type: 1,
      start: at("2026-03-19T15:00"),
      minutes: 45,
    });
    const actor = { clinicId: a.id, userId: a.owner.id };
    await withClinic(appDb(), a.id, (tx) => cancelAppointment(tx, actor, { id, reason: "Late" }, NOW));
    const week: DashboardFilters = { preset: "custom", from: "2026-03-16", to: "2026-03-22" };
    const lateCancels = () =>
      withClinic(appDb(), a.id, (tx) => loadDashboard(tx, viewerOf(a.owner), week, NOW)).then(
        (d) => d.attendance.current.lateCancel,
      );
    const before = await lateCancels();
    // a note added days later moves updated_at, not the moment it was cancelled
    await withClinic(appDb(), a.id, (tx) =>
      tx
        .update(appointments)
        .set({ notes: "Called back", updatedAt: new Date("2026-03-01T00:00:00Z") })
        .where(and(eq(appointments.clinicId, a.id), eq(appointments.id, id))),
    );
    expect(await lateCancels()).toBe(before);
    const [row] = await adminDb()
      .select({ cancelledAt: appointments.cancelledAt, updatedAt: appointments.updatedAt })
      .from(appointments)
      .where(eq(appointments.id, id));
    expect(row!.cancelledAt).not.toEqual(row!.updatedAt);
  });

  test("the app's role can read the patient summaries but not write them", async () => {
    await expect(
      withClinic(appDb(), a.id, (tx) =>
        tx.execute(sql`DELETE FROM dashboard_patient_visits WHERE clinic_id = ${a.id}`),
      ),
    ).rejects.toMatchObject({ cause: { code: "42501" } }); // insufficient privilege
  });
});

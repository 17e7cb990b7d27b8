// The demo clinic can be seeded again and again (every `npm run dev` does) without duplicates.
import { eq, sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { appDb } from "@/db/client";
import { clinics, memberships, patients, users } from "@/db/schema";
import { DEMO_CLINIC, DEMO_PASSWORD, DEMO_USERS, seedDemo } from "@/db/seed/demo";
import { DEMO_HISTORY_PATIENTS } from "@/db/seed/demo-history";
import { DEMO_WEEK_MOST_PER_DAY, DEMO_WEEK_NEW_PATIENTS } from "@/db/seed/demo-week";
import { signInWithPassword } from "@/server/auth/sign-in";
import { addDays, dayKeyOf, localDateTime } from "@/server/scheduling/zoned-time";
import { callerFor } from "../fixtures/callers";
import { adminDb } from "../fixtures/db";

test("seeding the demo twice leaves one clinic, its three staff and its patients, once each", async () => {
  expect(await seedDemo(appDb())).toEqual({ created: true });
  expect(await seedDemo(appDb())).toEqual({ created: false });

  const db = adminDb();
  const allClinics = await db.select().from(clinics);
  expect(allClinics.map((c) => c.slug)).toEqual([DEMO_CLINIC.slug]);
  const clinicId = allClinics[0]!.id;

  const team = await db
    .select({ email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId));
  expect(team.map((m) => `${m.email} ${m.role}`).sort()).toEqual(DEMO_USERS.map((u) => `${u.email} ${u.role}`).sort());
  expect(await db.select().from(users)).toHaveLength(DEMO_USERS.length);

  const demoPatients = await db.select().from(patients).where(eq(patients.clinicId, clinicId));
  expect(demoPatients).toHaveLength(4 + DEMO_HISTORY_PATIENTS + DEMO_WEEK_NEW_PATIENTS.length);
  expect(new Set(demoPatients.map((p) => p.email)).size).toBe(
    4 + DEMO_HISTORY_PATIENTS + DEMO_WEEK_NEW_PATIENTS.length,
  );
});

test("each demo account signs in with the demo password and opens the demo clinic in its role", async () => {
  await seedDemo(appDb());
  for (const demo of DEMO_USERS) {
    const user = await signInWithPassword(appDb(), { email: demo.email, password: DEMO_PASSWORD, ip: null });
    const [clinic] = await callerFor(user, null).me.clinics();
    expect(clinic).toMatchObject({ slug: DEMO_CLINIC.slug, role: demo.role });
    const { total } = await callerFor(user, DEMO_CLINIC.slug).patients.list({});
    expect(total).toBe(4 + DEMO_HISTORY_PATIENTS + DEMO_WEEK_NEW_PATIENTS.length);
  }
});

test("the demo clinic has outcome measures to show: one improving, one not improving, one getting worse, one discharged", async () => {
  await seedDemo(appDb());
  await seedDemo(appDb());
  const owner = await signInWithPassword(appDb(), { email: DEMO_USERS[0]!.email, password: DEMO_PASSWORD, ip: null });
  const asOwner = callerFor(owner, DEMO_CLINIC.slug);
  const attention = await asOwner.outcomes.needsAttention({ mine: false });
  expect(attention.map((i) => `${i.patientName}: ${i.instrumentKey} ${i.flag}`).sort()).toEqual([
    "Priya Natarajan: lefs worse",
    "Priya Natarajan: nprs worse",
    "Sam Whitaker: odi not_improving",
    "Sam Whitaker: psfs not_improving",
  ]);
  const { patients: list } = await asOwner.patients.list({ search: "Reyes" });
  const jordan = await asOwner.outcomes.forPatient({ patientId: list[0]!.id });
  const odi = jordan.episodes[0]!.series.find((s) => s.instrumentKey === "odi")!;
  expect(odi.points).toHaveLength(3);
  expect(odi.progress.reachedMcid).toBe(true);
  const summary = await asOwner.outcomes.clinicSummary();
  expect(summary.discharged).toBe(1);
  expect(summary.byInstrument.map((i) => [i.instrumentKey, i.evaluated, i.reached]).sort()).toEqual([
    ["groc", 1, 1],
    ["lefs", 1, 1],
  ]);
});

test("the demo dashboard is alive: 16 weeks of past visits, no-shows, late cancels, new patients, unscheduled patients, programs, outcomes, revenue", async () => {
  const now = new Date();
  await seedDemo(appDb(), () => {}, now);
  await seedDemo(appDb(), () => {}, now);
  const owner = await signInWithPassword(appDb(), { email: DEMO_USERS[0]!.email, password: DEMO_PASSWORD, ip: null });
  const asOwner = callerFor(owner, DEMO_CLINIC.slug);
  const d = await asOwner.dashboard.overview({ preset: "last_4_weeks" });
  expect(d.visits.current).toBeGreaterThan(20);
  expect(d.attendance.current.noShow).toBeGreaterThan(0);
  expect(d.utilization.current.booked).toBeGreaterThan(0);
  const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const sixteenWeeks = await asOwner.dashboard.overview({ preset: "custom", from: day(-130), to: day(1) });
  expect(sixteenWeeks.attendance.current.lateCancel).toBeGreaterThan(0);
  // the history's patients and the four named ones, whose episodes of care began within the 16 weeks
  expect(sixteenWeeks.newPatients.current).toBe(4 + DEMO_HISTORY_PATIENTS);
  expect(sixteenWeeks.newPatients.bySource.length).toBeGreaterThan(2);
  // Elena's episode (ten weeks, discharged a week ago) had a visit a week: none of it ended before a third visit
  expect(sixteenWeeks.episodes.current).toEqual({ discharged: 1, visitsPerEpisode: 9, earlyDropout: 0 });
  expect(d.atRisk.length).toBeGreaterThan(0);
  // Six home-exercise programs (demo-programs.ts), done from nearly every prescribed day to hardly any,
  // and one episode discharged last week with its questionnaires judged (demo-outcomes.ts).
  expect(d.adherence.activePrograms).toBe(6);
  const percents = (await asOwner.dashboard.drillDown({ kind: "adherence", filters: { preset: "last_4_weeks" } })).rows;
  expect(percents).toHaveLength(6);
  expect(Math.max(...percents.map((r) => ("percentDone" in r ? (r.percentDone ?? 0) : 0)))).toBeGreaterThanOrEqual(90);
  expect(Math.min(...percents.map((r) => ("percentDone" in r ? (r.percentDone ?? 100) : 100)))).toBeLessThanOrEqual(30);
  expect(d.adherence.loggedLast7Days).toBeGreaterThan(0);
  expect(d.outcomes.current.byInstrument.length).toBeGreaterThan(0);
  // Revenue (demo-payments.ts): every completed past visit charged once (the seed ran twice), most paid,
  // a few still owed, one payment partly refunded.
  expect(d.revenue.current.charged).toBeGreaterThan(0);
  expect(d.revenue.current.collected).toBeGreaterThan(0);
  expect(sixteenWeeks.revenue.current.outstanding).toBeGreaterThan(0);
  expect(sixteenWeeks.revenue.current.refunded).toBeGreaterThan(0);
  expect(sixteenWeeks.revenue.weekly.length).toBeGreaterThan(10);
  const charged = await adminDb().execute<{ visits: number; charges: number }>(sql`
    SELECT (SELECT count(*)::int FROM appointments WHERE status = 'completed' AND ends_at <= ${now.toISOString()}::timestamptz) AS visits,
           (SELECT count(*)::int FROM payments WHERE kind = 'visit_charge') AS charges`);
  expect(charged.rows[0]!.charges).toBe(charged.rows[0]!.visits);
  // The future is the demo week's (demo-week.ts), at most eight days ahead: no history after today.
  const future = await adminDb().execute<{ n: number; last: Date }>(
    sql`SELECT count(*)::int AS n, max(starts_at) AS last FROM appointments WHERE starts_at >= now() AND status = 'booked'`,
  );
  // At most the demo week's busiest day for each clinician on each weekday of those eight days (early on
  // a Monday all of it is still ahead: 67 visits; a fixed 60 failed then).
  const clinicians = await adminDb().execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM memberships WHERE takes_appointments`,
  );
  // the demo week's days (demo-week.ts): today and the seven after it, in the clinic's zone, weekends off
  const today = localDateTime(now, DEMO_CLINIC.timeZone).date;
  const weekdays = Array.from({ length: 8 }, (_, d) => dayKeyOf(addDays(today, d))).filter(
    (key) => key !== "sat" && key !== "sun",
  ).length;
  expect(future.rows[0]!.n).toBeGreaterThan(0);
  expect(future.rows[0]!.n).toBeLessThanOrEqual(weekdays * clinicians.rows[0]!.n * DEMO_WEEK_MOST_PER_DAY);
  expect(new Date(future.rows[0]!.last).getTime()).toBeLessThan(now.getTime() + 9 * 86_400_000);
});

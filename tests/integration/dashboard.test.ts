// The owner dashboard against a clinic built by hand in America/Denver: a week with the spring
// DST change (Mon 2 – Sun 8 March 2026, 167 hours), a cancelled-then-rebooked slot, a no-show, a
// late cancel, time off and a closure. Every expected number below is worked out by hand in the
// comments next to it, not by running the code.
import { eq } from "drizzle-orm";
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
  outcomeRequests,
  outcomeResponses,
  patients,
  timeOff,
  users,
} from "@/db/schema";
import { drillDown, loadDashboard, type Viewer } from "@/server/dashboard/load";
import { getInstrument } from "@/server/outcomes/instruments";
import { scoreAnswers } from "@/server/outcomes/scoring";
import { setItemDone } from "@/server/plan/plan";
import type { DashboardFilters } from "@/server/dashboard/schemas";
import { withClinic } from "@/server/tenancy";
import { callerFor, refusal } from "../fixtures/callers";
import { seedClinic, type SeededClinic, type StaffMember } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";
import { ensureLibrary, libraryIdLike, programInput } from "../fixtures/programs";

const TZ = "America/Denver";
const NOW = new Date("2026-03-20T18:00:00Z");
const WEEK: DashboardFilters = { preset: "custom", from: "2026-03-02", to: "2026-03-08" };

let a: SeededClinic;
let c2: StaffMember;
let t1: string; // "Initial evaluation", 60 min
let t2: string; // "Follow-up", 30 min
const p: Record<string, string> = {};

/** Denver wall time → instant: MST (−07:00) before 8 March 2026 02:00, MDT (−06:00) after. */
const mst = (local: string) => new Date(`${local}:00-07:00`);
const mdt = (local: string) => new Date(`${local}:00-06:00`);

async function appt(
  clinicianId: string,
  patientId: string,
  typeId: string,
  start: Date,
  minutes: number,
  status: "booked" | "checked_in" | "completed" | "cancelled" | "no_show",
  cancelledAt?: Date,
) {
  const endsAt = new Date(start.getTime() + minutes * 60_000);
  const [row] = await adminDb()
    .insert(appointments)
    .values({
      clinicId: a.id,
      clinicianId,
      patientId,
      typeId,
      startsAt: start,
      endsAt,
      blockedUntil: endsAt,
      status,
      updatedAt: cancelledAt ?? start,
    })
    .returning({ id: appointments.id });
  return row!.id;
}

const viewerOf = (who: StaffMember, clinic = a): Viewer => ({
  clinicId: clinic.id,
  timeZone: TZ,
  userId: who.id,
  role: who.role,
});
const dashboard = (filters: DashboardFilters = WEEK, who: StaffMember = a.owner, clinic = a) =>
  withClinic(appDb(), clinic.id, (tx) => loadDashboard(tx, viewerOf(who, clinic), filters, NOW));
const rows = (kind: Parameters<typeof drillDown>[2], filters: DashboardFilters = WEEK) =>
  withClinic(appDb(), a.id, (tx) => drillDown(tx, viewerOf(a.owner), kind, filters, NOW));

/** The clinic's opening hours: weekday mornings, and all of Sunday (to see a 23-hour day). */
async function setOpeningHours(clinic: SeededClinic) {
  const db = adminDb();
  const hours = {
    mon: [{ start: "08:00", end: "12:00" }],
    tue: [{ start: "08:00", end: "12:00" }],
    wed: [{ start: "08:00", end: "12:00" }],
    thu: [{ start: "08:00", end: "12:00" }],
    fri: [{ start: "08:00", end: "12:00" }],
    sat: [],
    sun: [{ start: "00:00", end: "24:00" }],
  };
  await db.update(clinics).set({ openingHours: hours }).where(eq(clinics.id, clinic.id));
}

beforeAll(async () => {
  a = await seedClinic();
  await setOpeningHours(a);
  const asOwner = callerFor(a.owner, a.slug);
  await asOwner.team.invite({ email: `second@${a.slug}.example`, name: "Zoe Second", role: "clinician" });
  const [invited] = await adminDb()
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, `second@${a.slug}.example`));
  c2 = { id: invited!.id, email: `second@${a.slug}.example`, name: "Zoe Second", role: "clinician" };
  const db = adminDb();
  // C2 works 10:00–16:00 on weekdays: inside the clinic's hours that is 10:00–12:00.
  const weekday = [{ start: "10:00", end: "16:00" }];
  await db
    .update(memberships)
    .set({ workingHours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] } })
    .where(eq(memberships.userId, c2.id));
  const types = await db
    .insert(appointmentTypes)
    .values([
      { clinicId: a.id, name: "Initial evaluation", durationMinutes: 60 },
      { clinicId: a.id, name: "Follow-up", durationMinutes: 30 },
    ])
    .returning({ id: appointmentTypes.id });
  [t1, t2] = [types[0]!.id, types[1]!.id];
  const made = await db
    .insert(patients)
    .values(
      ["P1", "P2", "P3", "P4"].map((n, i) => ({
        clinicId: a.id,
        firstName: n,
        lastName: "Hand",
        referralSource: i === 0 ? "Doctor referral" : null,
      })),
    )
    .returning({ id: patients.id });
  ["P1", "P2", "P3", "P4"].forEach((n, i) => (p[n] = made[i]!.id));
  const c1 = a.clinician.id;

  // The closure takes Wednesday morning from everyone; C1 is off Tuesday 08:00–10:00.
  await db
    .insert(closures)
    .values({ clinicId: a.id, startsAt: mst("2026-03-04T08:00"), endsAt: mst("2026-03-04T12:00") });
  await db
    .insert(timeOff)
    .values({ clinicId: a.id, clinicianId: c1, startsAt: mst("2026-03-03T08:00"), endsAt: mst("2026-03-03T10:00") });

  // The week (Mon 2 – Sun 8 March):
  const a1 = await appt(c1, p.P1!, t1, mst("2026-03-02T08:00"), 60, "completed"); // #1 P1's first visit ever
  await appt(c2.id, p.P2!, t2, mst("2026-03-02T10:00"), 30, "checked_in"); // #2
  await appt(c1, p.P3!, t2, mst("2026-03-03T10:00"), 30, "no_show"); // #3
  // #4 cancelled 13 hours ahead (late: window 24 h), #5 the same slot rebooked and attended
  await appt(c1, p.P1!, t2, mst("2026-03-05T09:00"), 30, "cancelled", mst("2026-03-04T20:00"));
  await appt(c1, p.P2!, t2, mst("2026-03-05T09:00"), 30, "completed");
  // #6 cancelled 71 hours ahead: not late under 24 h, late under 72 h
  await appt(c1, p.P3!, t2, mst("2026-03-06T11:00"), 30, "cancelled", mst("2026-03-03T12:00"));
  await appt(c1, p.P4!, t1, mst("2026-03-06T08:00"), 60, "booked"); // #9 never marked
  // #7 Sunday 23:00 MDT, after the clock went forward: still this week
  await appt(c1, p.P1!, t2, mdt("2026-03-08T23:00"), 30, "completed");
  // #8 Monday 9 March 00:30 MDT: next week (a fixed −07:00 offset would put it on Sunday)
  await appt(c1, p.P2!, t2, mdt("2026-03-09T00:30"), 30, "completed");
  // The week before (Mon 23 Feb – Sun 1 March):
  await appt(c2.id, p.P2!, t2, mst("2026-02-24T10:00"), 30, "completed"); // #10 P2's first visit
  await appt(c1, p.P4!, t1, mst("2026-02-25T08:00"), 60, "no_show"); // #11
  // After NOW: P1 is booked again, so P1 is not at risk.
  await appt(c1, p.P1!, t2, mdt("2026-03-25T09:00"), 30, "booked");

  const eps = await db
    .insert(episodes)
    .values([
      // P2: discharged Fri 6 March by C2; visits #10, #2, #5 → 3
      {
        clinicId: a.id,
        patientId: p.P2!,
        clinicianId: c2.id,
        title: "Knee",
        startedAt: mst("2026-02-24T09:00"),
        status: "discharged",
        dischargedAt: mst("2026-03-06T18:00"),
      },
      // P4: discharged Sat 7 March with no visit attended → an early dropout
      {
        clinicId: a.id,
        patientId: p.P4!,
        clinicianId: c1,
        title: "Back",
        startedAt: mst("2026-02-20T09:00"),
        status: "discharged",
        dischargedAt: mst("2026-03-07T10:00"),
      },
      // P3: still open, never attended, nothing booked → at risk
      { clinicId: a.id, patientId: p.P3!, clinicianId: c1, title: "Shoulder", startedAt: mst("2026-03-01T09:00") },
      // P1: discharged Fri 27 February by C1, the week before, with no visit attended in it
      {
        clinicId: a.id,
        patientId: p.P1!,
        clinicianId: c1,
        title: "Neck",
        startedAt: mst("2026-02-16T09:00"),
        status: "discharged",
        dischargedAt: mst("2026-02-27T12:00"),
      },
    ])
    .returning({ id: episodes.id, patientId: episodes.patientId });
  // ODI answers (lower is better, MCID 10 points): P2 40 → 26 (14 better: reached), P4 50 → 44 (6: not),
  // P1 30 → 22 (8: not). Each is ten section answers, scored by the outcomes engine as a submission is.
  const instrument = getInstrument("odi")!;
  const odi = async (patientId: string, occasion: string, at: Date, score: number, sections: number[]) => {
    const answers = { values: Object.fromEntries(instrument.items.map((item, i) => [item.id, sections[i]!])) };
    const scored = scoreAnswers(instrument, answers);
    if (!scored.ok || scored.score !== score) throw new Error(`ODI answers scored ${JSON.stringify(scored)}`);
    const episodeId = eps.find((e) => e.patientId === patientId)!.id;
    const [request] = await db
      .insert(outcomeRequests)
      .values({
        clinicId: a.id,
        episodeId,
        patientId,
        instrumentKey: "odi",
        instrumentVersion: instrument.version,
        occasion,
        dueAt: at,
        closesAt: new Date(at.getTime() + 7 * 86_400_000),
        status: "submitted",
      })
      .returning({ id: outcomeRequests.id });
    await db.insert(outcomeResponses).values({
      clinicId: a.id,
      requestId: request!.id,
      episodeId,
      patientId,
      instrumentKey: "odi",
      instrumentVersion: instrument.version,
      answers,
      score,
      answeredItems: 10,
      totalItems: 10,
      source: "patient",
      completedAt: at,
    });
  };
  // total ÷ 50 × 100: 20 → 40, 13 → 26, 25 → 50, 22 → 44, 15 → 30, 11 → 22
  await odi(p.P2!, "intake", mst("2026-02-24T09:30"), 40, [2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
  await odi(p.P2!, "discharge", mst("2026-03-06T17:00"), 26, [1, 1, 1, 1, 1, 1, 1, 2, 2, 2]);
  await odi(p.P4!, "intake", mst("2026-02-20T09:30"), 50, [2, 2, 2, 2, 2, 3, 3, 3, 3, 3]);
  await odi(p.P4!, "discharge", mst("2026-03-07T09:00"), 44, [2, 2, 2, 2, 2, 2, 2, 2, 3, 3]);
  await odi(p.P1!, "intake", mst("2026-02-16T09:30"), 30, [1, 1, 1, 1, 1, 2, 2, 2, 2, 2]);
  await odi(p.P1!, "discharge", mst("2026-02-27T11:00"), 22, [1, 1, 1, 1, 1, 1, 1, 1, 1, 2]);
  await db.insert(messages).values({
    clinicId: a.id,
    appointmentId: a1,
    patientId: p.P1!,
    kind: "reminder_24h",
    key: `appt:${a1}:reminder_24h`,
    dueAt: mst("2026-03-01T08:00"),
    state: "sent",
    sentAt: mst("2026-03-01T08:00"),
  });

  // Home-exercise programs from Monday 16 March, 3 days a week, two exercises each: C1 assigns P1's,
  // C2 assigns P2's. P1 does both on Mon 16, Tue 17 and Wed 18; P2 on Mon 16 only (ticks at 18:00).
  await ensureLibrary();
  const exercises = [await libraryIdLike("dead bug"), await libraryIdLike("bridge")];
  const program = async (who: StaffMember, patientId: string, days: string[]) => {
    const staff = callerFor(who, a.slug);
    const saved = await staff.programs.save(
      programInput(patientId, exercises, { startDate: "2026-03-16", daysPerWeek: 3 }),
    );
    await staff.programs.assign({ id: saved.id, expectedRevision: saved.revision });
    const items = (await staff.programs.get({ id: saved.id })).phases.flatMap((ph) => ph.items.map((i) => i.itemId));
    const link = { clinicId: a.id, patientId, purpose: "plan" as const, ref: saved.id, expiresAt: NOW };
    for (const day of days)
      for (const itemId of items)
        await withClinic(appDb(), a.id, (tx) =>
          setItemDone(tx, link, { itemId, day, done: true }, mdt(`${day}T18:00`)),
        );
  };
  await program(a.clinician, p.P1!, ["2026-03-16", "2026-03-17", "2026-03-18"]);
  await program(c2, p.P2!, ["2026-03-16"]);
});

describe("the owner's numbers for the DST week, worked out by hand", () => {
  test("visits: #1, #2, #5 and #7 arrived this week; #10 the week before; #8 belongs to the next week", async () => {
    const d = await dashboard();
    expect(d.period).toMatchObject({ from: "2026-03-02", to: "2026-03-09", previousFrom: "2026-02-23", days: 7 });
    expect(d.visits.current).toBe(4);
    expect(d.visits.previous).toBe(1);
    expect(d.visits.weekly).toEqual([{ week: "2026-03-02", visits: 4 }]);
    expect(d.visits.byClinician).toEqual(
      expect.arrayContaining([
        { key: a.clinician.id, count: 3 },
        { key: c2.id, count: 1 },
      ]),
    );
    expect(d.visits.byType).toEqual(
      expect.arrayContaining([
        { key: t2, count: 3 },
        { key: t1, count: 1 },
      ]),
    );
  });

  test("attendance: 8 scheduled — 4 arrived, 1 late cancel of 2 cancels, 1 no-show, 1 never marked", async () => {
    const d = await dashboard();
    expect(d.attendance.current).toEqual({
      scheduled: 8,
      arrived: 4,
      lateCancel: 1,
      cancelled: 2,
      noShow: 1,
      notMarked: 1,
    });
    // WebPT cancel/no-show rate: (1 no-show + 2 cancels) / 8 = 37.5%
    expect(d.attendance.previous).toEqual({
      scheduled: 2,
      arrived: 1,
      lateCancel: 0,
      cancelled: 0,
      noShow: 1,
      notMarked: 0,
    });
    expect(d.reference.noShowPercent).toBe(10.9);
  });

  test("utilization: 240 booked of 2,700 available minutes; Sunday 8 March has 23 hours", async () => {
    const d = await dashboard();
    // C1: Mon 240, Tue 240 − 120 off, Wed closed, Thu 240, Fri 240, Sun 23 h = 1,380 → 2,220
    // C2: 10:00–12:00 on Mon, Tue, Thu, Fri → 480.  Booked: C1 60+30+30+60+30 = 210, C2 30.
    expect(d.utilization.current).toEqual({ booked: 240, available: 2700, appointments: 6 });
    // the best-used first: C1 9.5%, C2 6.25%
    expect(d.utilization.byClinician).toEqual([
      { clinicianId: a.clinician.id, booked: 210, available: 2220 },
      { clinicianId: c2.id, booked: 30, available: 480 },
    ]);
    // The week before: C1 5 × 240 + Sunday 1 March (24 h) 1,440 = 2,640; C2 5 × 120 = 600. Booked #10 30 + #11 60.
    expect(d.utilization.previous).toEqual({ booked: 90, available: 3240 });
    const cell = (isoDay: number, hour: number) =>
      d.utilization.heat.find((h) => h.isoDay === isoDay && h.hour === hour);
    expect(cell(7, 2)).toBeUndefined(); // 02:00 did not happen that Sunday
    expect(cell(7, 23)).toEqual({ isoDay: 7, hour: 23, booked: 30, available: 60 });
    expect(cell(1, 8)).toEqual({ isoDay: 1, hour: 8, booked: 60, available: 60 });
    expect(cell(1, 10)).toEqual({ isoDay: 1, hour: 10, booked: 30, available: 120 });
    expect(cell(3, 9)).toBeUndefined(); // Wednesday's closure
    expect(d.utilization.heat.filter((h) => h.isoDay === 7).reduce((s, h) => s + h.available, 0)).toBe(1380);
  });

  test("new patients: P1 (first visit Monday, from a doctor); P2 the week before", async () => {
    const d = await dashboard();
    expect(d.newPatients.current).toBe(1);
    expect(d.newPatients.previous).toBe(1);
    expect(d.newPatients.bySource).toEqual([{ source: "Doctor referral", count: 1 }]);
  });

  test("at risk on 20 March: P2 (seen 9 March, nothing booked) and P3 (open episode, never seen); not P1", async () => {
    const d = await dashboard();
    expect(d.atRisk.map((r) => [r.patientName, r.visits, r.lastVisit])).toEqual([
      ["P2 Hand", 4, "2026-03-09 00:30"],
      ["P3 Hand", 0, null],
    ]);
    // C1 saw P2 last and treats P3's open episode; C2 has no one to call
    const c1 = await dashboard({ ...WEEK, clinicianId: a.clinician.id });
    expect(c1.atRisk.map((r) => [r.patientName, r.clinicianId])).toEqual([
      ["P2 Hand", a.clinician.id],
      ["P3 Hand", a.clinician.id],
    ]);
    expect((await dashboard({ ...WEEK, clinicianId: c2.id })).atRisk).toEqual([]);
  });

  test("episodes: 2 discharged, (3 + 0) / 2 = 1.5 visits each, 1 ended before a third visit", async () => {
    const d = await dashboard();
    expect(d.episodes.current).toEqual({ discharged: 2, visitsPerEpisode: 1.5, earlyDropout: 1 });
    // the week before: P1's episode, no visit in it → 0 visits, an early dropout
    expect(d.episodes.previous).toEqual({ discharged: 1, visitsPerEpisode: 0, earlyDropout: 1 });
  });

  test("outcomes: of this week's discharges P2 reached the ODI's MCID and P4 did not (6 points); the week before, P1 did not", async () => {
    const d = await dashboard();
    const odi = { instrumentKey: "odi", instrumentName: "Oswestry Disability Index" };
    expect(d.outcomes.current.discharged).toBe(2);
    expect(d.outcomes.current.byInstrument).toEqual([{ ...odi, evaluated: 2, reached: 1, share: 0.5 }]);
    expect(d.outcomes.current.byClinician).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ clinicianId: c2.id, evaluated: 1, reached: 1, share: 1 }),
        expect.objectContaining({ clinicianId: a.clinician.id, evaluated: 1, reached: 0, share: 0 }),
      ]),
    );
    expect(d.outcomes.previous.byInstrument).toEqual([{ ...odi, evaluated: 1, reached: 0, share: 0 }]);
    // C2's dashboard: only P2's episode, and nothing of C1's the week before
    const mine = await dashboard({ ...WEEK, clinicianId: c2.id });
    expect(mine.outcomes.current.byInstrument).toEqual([{ ...odi, evaluated: 1, reached: 1, share: 1 }]);
    expect(mine.outcomes.current.byClinician.map((c) => c.clinicianId)).toEqual([c2.id]);
    expect(mine.outcomes.previous.discharged).toBe(0);
    // the rows behind it: one per judged questionnaire, in the order of discharge
    const drill = await rows("outcomes");
    if (drill.kind !== "outcomes") throw new Error("expected outcome rows");
    expect(drill.rows.map((r) => [r.patientName, r.discharged, r.baseline, r.latest, r.change, r.reachedMcid])).toEqual(
      [
        ["P2 Hand", "2026-03-06", "40%", "26%", 14, true],
        ["P4 Hand", "2026-03-07", "50%", "44%", 6, false],
      ],
    );
  });

  test("adherence on 20 March: P1 3 of 3 sessions (100%), P2 1 of 3 (33%); median 67%, both logged this week", async () => {
    // the week of 16 March: Mon–Thu have passed (today, Friday, counts once done), capped at 3 a week
    const d = await dashboard();
    expect(d.adherence).toMatchObject({ activePrograms: 2, medianPercent: 67, patients: 2, loggedLast7Days: 2 });
    expect(d.adherence.byClinician).toEqual(
      expect.arrayContaining([
        { clinicianId: a.clinician.id, programs: 1, medianPercent: 100, patients: 1, loggedLast7Days: 1 },
        { clinicianId: c2.id, programs: 1, medianPercent: 33, patients: 1, loggedLast7Days: 1 },
      ]),
    );
    // on Tuesday 24 March P2's last tick (Monday 16th, 18:00) is more than 7 days old, P1's (Wednesday 18th) is not
    const later = await withClinic(appDb(), a.id, (tx) =>
      loadDashboard(tx, viewerOf(a.owner), WEEK, new Date("2026-03-24T18:00:00Z")),
    );
    expect(later.adherence.loggedLast7Days).toBe(1);
    expect(later.adherence.byClinician).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ clinicianId: a.clinician.id, patients: 1, loggedLast7Days: 1 }),
        expect.objectContaining({ clinicianId: c2.id, patients: 1, loggedLast7Days: 0 }),
      ]),
    );
    const drill = await rows("adherence");
    if (drill.kind !== "adherence") throw new Error("expected program rows");
    expect(
      drill.rows.map((r) => [r.patientName, r.clinicianName, r.percentDone, r.sessionsDone, r.lastActivity]),
    ).toEqual([
      ["P1 Hand", a.clinician.name, 100, 3, "2026-03-18 18:00"],
      ["P2 Hand", "Zoe Second", 33, 1, "2026-03-16 18:00"],
    ]);
    // C2's dashboard: only the program C2 assigned
    const mine = await dashboard({ ...WEEK, clinicianId: c2.id });
    expect(mine.adherence).toMatchObject({ activePrograms: 1, medianPercent: 33, patients: 1 });
  });

  test("reminders: 1 reminded vs 4 not — too few to compare, and it says so", async () => {
    const d = await dashboard();
    expect(d.reminders).toMatchObject({
      reminded: { appointments: 1, noShows: 0 },
      notReminded: { appointments: 4, noShows: 1 },
      enoughData: false,
    });
    // the rows behind it: #1 (reminded), #2, #3 (the no-show), #5 and #7
    const drill = await rows("reminders");
    if (drill.kind !== "reminders") throw new Error("expected appointment rows");
    expect(drill.rows.map((r) => [r.localDate, r.localTime, r.outcome, r.reminded])).toEqual([
      ["2026-03-02", "08:00", "arrived", true],
      ["2026-03-02", "10:00", "arrived", false],
      ["2026-03-03", "10:00", "no_show", false],
      ["2026-03-05", "09:00", "arrived", false],
      ["2026-03-08", "23:00", "arrived", false],
    ]);
  });

  test("weekly trends over 2–22 March: discharges in the first week, logging in the third", async () => {
    const d = await dashboard({ preset: "custom", from: "2026-03-02", to: "2026-03-22" });
    // P2 (3 visits, reached the MCID) and P4 (0 visits, did not) were both discharged in the week of 2 March
    expect(d.episodes.weekly).toEqual([{ week: "2026-03-02", discharged: 2, visitsPerEpisode: 1.5, earlyDropout: 1 }]);
    expect(d.outcomes.weekly).toEqual([{ week: "2026-03-02", judged: 2, reached: 1 }]);
    // P1 and P2 ticked exercises on days of the week of 16 March only
    expect(d.adherence.weekly).toEqual([{ week: "2026-03-16", patients: 2 }]);
    // week of 2 March: #1 reminded, #2 #3 #5 #7 not (#3 the no-show); week of 9 March: #8, not reminded
    expect(d.reminders.weekly).toEqual([
      {
        week: "2026-03-02",
        reminded: { appointments: 1, noShows: 0 },
        notReminded: { appointments: 4, noShows: 1 },
      },
      {
        week: "2026-03-09",
        reminded: { appointments: 0, noShows: 0 },
        notReminded: { appointments: 1, noShows: 0 },
      },
    ]);
    // C2 alone: only P2's episode, and P2's logging
    const mine = await dashboard({ preset: "custom", from: "2026-03-02", to: "2026-03-22", clinicianId: c2.id });
    expect(mine.outcomes.weekly).toEqual([{ week: "2026-03-02", judged: 1, reached: 1 }]);
    expect(mine.adherence.weekly).toEqual([{ week: "2026-03-16", patients: 1 }]);
  });

  test("utilization's booked time opens its 6 appointments, 240 minutes, the unmarked one included", async () => {
    const d = await dashboard();
    expect(d.utilization.current.appointments).toBe(6);
    const drill = await rows("booked");
    if (drill.kind !== "booked") throw new Error("expected appointment rows");
    // #1 60, #2 30, #3 30, #5 30, #9 60 (never marked), #7 30 — not the cancelled #4 and #6
    expect(drill.rows.map((r) => [r.localDate, r.localTime, r.minutes])).toEqual([
      ["2026-03-02", "08:00", 60],
      ["2026-03-02", "10:00", 30],
      ["2026-03-03", "10:00", 30],
      ["2026-03-05", "09:00", 30],
      ["2026-03-06", "08:00", 60],
      ["2026-03-08", "23:00", 30],
    ]);
    expect(drill.rows.reduce((n, r) => n + r.minutes, 0)).toBe(d.utilization.current.booked);
  });

  test("filters: C2 alone, and the initial-evaluation type alone", async () => {
    const mine = await dashboard({ ...WEEK, clinicianId: c2.id });
    expect([mine.visits.current, mine.visits.previous]).toEqual([1, 1]);
    expect(mine.utilization.current).toEqual({ booked: 30, available: 480, appointments: 1 });
    const evals = await dashboard({ ...WEEK, typeId: t1 });
    expect(evals.visits.current).toBe(1);
    expect(evals.attendance.current.scheduled).toBe(2); // #1 and #9
  });

  test("each drill-down has as many rows as its number", async () => {
    const d = await dashboard();
    expect((await rows("visits")).rows).toHaveLength(d.visits.current);
    expect((await rows("scheduled")).rows).toHaveLength(d.attendance.current.scheduled);
    expect((await rows("no_show")).rows).toHaveLength(d.attendance.current.noShow);
    expect((await rows("late_cancel")).rows).toHaveLength(d.attendance.current.lateCancel);
    expect((await rows("cancelled")).rows).toHaveLength(d.attendance.current.cancelled);
    expect((await rows("booked")).rows).toHaveLength(d.utilization.current.appointments);
    expect((await rows("new_patients")).rows).toHaveLength(d.newPatients.current);
    expect((await rows("at_risk")).rows).toHaveLength(d.atRisk.length);
    expect((await rows("episodes")).rows).toHaveLength(d.episodes.current.discharged);
    const judged = d.outcomes.current.byInstrument.reduce((n, r) => n + r.evaluated, 0);
    expect((await rows("outcomes")).rows).toHaveLength(judged);
    expect((await rows("adherence")).rows).toHaveLength(d.adherence.activePrograms);
    const compared = d.reminders.reminded.appointments + d.reminders.notReminded.appointments;
    expect((await rows("reminders")).rows).toHaveLength(compared);
    const visits = await rows("visits");
    if (visits.kind !== "visits") throw new Error("expected appointment rows");
    const sunday = visits.rows.at(-1)!;
    expect([sunday.localDate, sunday.localTime, sunday.patientName]).toEqual(["2026-03-08", "23:00", "P1 Hand"]);
  });

  test("a wider late-cancel window (72 h) makes #6 late too", async () => {
    const asOwner = callerFor(a.owner, a.slug);
    const settings = { noShowGoalPercent: 8, referralSources: ["Doctor referral", "Friend or family"] };
    await asOwner.dashboard.updateSettings({ ...settings, lateCancelHours: 72 });
    expect((await dashboard()).attendance.current.lateCancel).toBe(2);
    await asOwner.dashboard.updateSettings({ ...settings, lateCancelHours: 24 });
    expect((await dashboard()).settings).toMatchObject({ lateCancelHours: 24, noShowGoalPercent: 8 });
  });
});

describe("a week under way: its counts so far meet the week before up to the same point", () => {
  const at = (filters: DashboardFilters, now: Date) =>
    withClinic(appDb(), a.id, (tx) => loadDashboard(tx, viewerOf(a.owner), filters, now));
  const none = { scheduled: 0, arrived: 0, lateCancel: 0, cancelled: 0, noShow: 0, notMarked: 0 };

  test("Tuesday 3 March, noon: the week before counts up to Tuesday 24 February, noon", async () => {
    const d = await at(WEEK, mst("2026-03-03T12:00"));
    expect(d.comparedUntil).toBe("2026-02-24 12:00");
    // #10 (Tue 24 Feb 10:00, completed, P2's first visit) is in that stretch; #11 (Wed 25 Feb, no-show) is not
    expect(d.visits.previous).toBe(1);
    expect(d.attendance.previous).toEqual({ ...none, scheduled: 1, arrived: 1 });
    expect(d.newPatients.previous).toBe(1);
    // P1's episode was discharged on Friday 27 February: after the stretch
    expect(d.episodes.previous.discharged).toBe(0);
    expect(d.outcomes.previous.discharged).toBe(0);
    // utilization compares both whole weeks (this week's bookings still to come count): as when the week is over
    expect(d.utilization.previous).toEqual({ booked: 90, available: 3240 });
    // this week so far: #1 and #2 on Monday arrived, #3 (Tuesday 10:00) was a no-show
    expect(d.attendance.current).toEqual({ ...none, scheduled: 3, arrived: 2, noShow: 1 });
  });

  test("Tuesday 3 March, 09:00: nothing of the week before had happened by then", async () => {
    const d = await at(WEEK, mst("2026-03-03T09:00"));
    expect(d.comparedUntil).toBe("2026-02-24 09:00");
    expect([d.visits.previous, d.newPatients.previous, d.episodes.previous.discharged]).toEqual([0, 0, 0]);
    expect(d.attendance.previous).toEqual(none);
  });

  test("across the clock change the same point is the same wall-clock time, not 168 hours back", async () => {
    // the week of 9 March (MDT) on Tuesday 10:30 meets the DST week up to Tuesday 3 March 10:30 MST: #3 at
    // 10:00 is in it (168 hours back would be 09:30, before #3)
    const next: DashboardFilters = { preset: "custom", from: "2026-03-09", to: "2026-03-15" };
    const d = await at(next, mdt("2026-03-10T10:30"));
    expect(d.comparedUntil).toBe("2026-03-03 10:30");
    expect(d.attendance.previous).toEqual({ ...none, scheduled: 3, arrived: 2, noShow: 1 });
    expect(d.visits.previous).toBe(2);
  });

  test("once the week is over, and while it is wholly ahead, there is no stretch to name", async () => {
    const over = await at(WEEK, mdt("2026-03-09T08:00"));
    expect(over.comparedUntil).toBeNull();
    expect(over.attendance.previous.scheduled).toBe(2);
    const ahead = await at(WEEK, mst("2026-02-27T12:00"));
    expect(ahead.comparedUntil).toBeNull();
    expect([ahead.visits.previous, ahead.attendance.previous.scheduled]).toEqual([0, 0]);
  });
});

describe("who sees what", () => {
  test("a clinician sees only their own numbers, whatever they ask for", async () => {
    const asC2 = callerFor(c2, a.slug);
    const d = await asC2.dashboard.overview({ ...WEEK, clinicianId: null });
    expect(d.clinicianId).toBe(c2.id);
    expect(d.visits.current).toBe(1);
    const other = await asC2.dashboard.overview({ ...WEEK, clinicianId: a.clinician.id });
    expect(other.visits.current).toBe(1);
    expect(other.clinicians.map((c) => c.id)).toEqual([c2.id]);
  });

  test("the front desk is refused, and so are clinicians changing the settings", async () => {
    const error = await refusal(callerFor(a.frontDesk, a.slug).dashboard.overview(WEEK));
    expect(error.code).toBe("FORBIDDEN");
    const asC2 = callerFor(c2, a.slug);
    const settings = { lateCancelHours: 1, noShowGoalPercent: null, referralSources: [] };
    expect((await refusal(asC2.dashboard.updateSettings(settings))).code).toBe("FORBIDDEN");
  });
});

describe("another clinic's rows", () => {
  test("never move clinic A's numbers", async () => {
    const before = await dashboard();
    const b = await seedClinic();
    const db = adminDb();
    const [type] = await db
      .insert(appointmentTypes)
      .values({ clinicId: b.id, name: "Follow-up", durationMinutes: 30 })
      .returning({ id: appointmentTypes.id });
    for (const [i, status] of (["completed", "no_show", "cancelled", "booked"] as const).entries()) {
      const startsAt = mst(`2026-03-0${2 + i}T09:00`);
      await db.insert(appointments).values({
        clinicId: b.id,
        clinicianId: b.clinician.id,
        patientId: b.patients[0]!.id,
        typeId: type!.id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 30 * 60_000),
        blockedUntil: new Date(startsAt.getTime() + 30 * 60_000),
        status,
      });
    }
    await db
      .insert(closures)
      .values({ clinicId: b.id, startsAt: mst("2026-03-02T00:00"), endsAt: mst("2026-03-09T00:00") });
    await db.insert(episodes).values({ clinicId: b.id, patientId: b.patients[1]!.id, title: "Hip", startedAt: NOW });
    expect(await dashboard()).toEqual(before);
    // and B's owner, asking with A's filters, sees only B
    const fromB = await dashboard(WEEK, b.owner, b);
    expect(fromB.visits.current).toBe(1);
    expect(fromB.utilization.current.available).toBe(0);
  });
});

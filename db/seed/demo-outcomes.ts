// The demo clinic's outcome measures: four episodes of care with answers over the past weeks, so
// the patient pages, the clinician's "needs attention" list and the owner's outcomes page have
// something true to show. One patient is improving past the MCID, one is not improving, one is
// getting worse, one was discharged after reaching it. Scores come from the scoring engine.
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import {
  episodes,
  memberships,
  messages,
  outcomeRequests,
  outcomeResponses,
  outcomeSchedules,
  patients,
  users,
} from "@/db/schema";
import { outcomeMessageKey } from "@/server/messages/questionnaire-key";
import { INSTRUMENTS } from "@/server/outcomes/instruments";
import { closesAt } from "@/server/outcomes/occasions";
import { scoreAnswers } from "@/server/outcomes/scoring";
import type { Answers, InstrumentKey } from "@/server/outcomes/types";
import type { ScheduleInput } from "@/server/outcomes/views";

const DAY = 86_400_000;
const ODI_SECTIONS = INSTRUMENTS.odi.items.map((i) => i.id);

/** ODI answers adding up to `total` (sections filled in order, each 0–5). */
function odi(total: number): Answers {
  let left = total;
  return {
    values: Object.fromEntries(
      ODI_SECTIONS.map((id) => {
        const v = Math.min(5, Math.ceil(left / 3));
        left -= v;
        return [id, v];
      }),
    ),
  };
}
/** LEFS answers adding up to `total` (items 0–4, spread evenly). */
function lefs(total: number): Answers {
  const base = Math.floor(total / 20);
  const extra = total - base * 20;
  return {
    values: Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [`q${i + 1}`, Math.min(4, base + (i < extra ? 1 : 0))]),
    ),
  };
}
const nprs = (pain: number): Answers => ({ values: { pain } });
const groc = (change: number): Answers => ({ values: { change } });
const psfs = (ratings: number[], names: string[]): Answers => ({
  values: Object.fromEntries(ratings.map((r, i) => [`activity${i + 1}`, r])),
  names: Object.fromEntries(names.map((n, i) => [`activity${i + 1}`, n])),
});

type DemoEpisode = {
  patientEmail: string;
  clinicianEmail: string;
  title: string;
  startedDaysAgo: number;
  dischargedDaysAgo?: number;
  schedules: ScheduleInput[];
  answers: { key: InstrumentKey; occasion: string; day: number; answers: Answers }[];
};

const every = (instrumentKey: InstrumentKey, everyWeeks: number | null, atDischarge = true): ScheduleInput => ({
  instrumentKey,
  atIntake: true,
  everyWeeks,
  everyVisits: null,
  atDischarge,
});

const LOW_BACK_ACTIVITIES = ["Sitting through a workday", "Deadlifting", "Putting on socks"];

const DEMO_EPISODES: DemoEpisode[] = [
  {
    patientEmail: "jordan.reyes@example.com",
    clinicianEmail: "clinician@demo.junction.test",
    title: "Thoracolumbar junction pain (Maigne's syndrome)",
    startedDaysAgo: 30,
    schedules: [
      every("odi", 2),
      every("nprs", 2),
      every("psfs", 2),
      { instrumentKey: "groc", atIntake: false, everyWeeks: null, everyVisits: null, atDischarge: true },
    ],
    answers: [
      { key: "odi", occasion: "intake", day: 0, answers: odi(22) },
      { key: "nprs", occasion: "intake", day: 0, answers: nprs(7) },
      {
        key: "psfs",
        occasion: "intake",
        day: 0,
        answers: psfs([3, 2, 5], ["Riding more than an hour", "Getting out of the car", "Sleeping on my side"]),
      },
      { key: "odi", occasion: "week:2", day: 14, answers: odi(17) },
      { key: "nprs", occasion: "week:2", day: 14, answers: nprs(5) },
      {
        key: "psfs",
        occasion: "week:2",
        day: 14,
        answers: psfs([5, 5, 7], ["Riding more than an hour", "Getting out of the car", "Sleeping on my side"]),
      },
      { key: "odi", occasion: "week:4", day: 28, answers: odi(12) },
      { key: "nprs", occasion: "week:4", day: 28, answers: nprs(3) },
      {
        key: "psfs",
        occasion: "week:4",
        day: 28,
        answers: psfs([7, 8, 8], ["Riding more than an hour", "Getting out of the car", "Sleeping on my side"]),
      },
    ],
  },
  {
    patientEmail: "sam.whitaker@example.com",
    clinicianEmail: "clinician@demo.junction.test",
    title: "Low back pain after deadlifts",
    startedDaysAgo: 50,
    schedules: [every("odi", 3), every("psfs", 3)],
    answers: [
      { key: "odi", occasion: "intake", day: 0, answers: odi(15) },
      { key: "psfs", occasion: "intake", day: 0, answers: psfs([4, 3, 6], LOW_BACK_ACTIVITIES) },
      { key: "odi", occasion: "week:3", day: 21, answers: odi(14) },
      { key: "psfs", occasion: "week:3", day: 21, answers: psfs([4, 4, 6], LOW_BACK_ACTIVITIES) },
      { key: "odi", occasion: "week:6", day: 42, answers: odi(13) },
      { key: "psfs", occasion: "week:6", day: 42, answers: psfs([5, 4, 6], LOW_BACK_ACTIVITIES) },
    ],
  },
  {
    patientEmail: "priya.n@example.com",
    clinicianEmail: "clinician2@demo.junction.test",
    title: "Adductor strain, left hip",
    startedDaysAgo: 24,
    schedules: [every("lefs", 2), every("nprs", 2)],
    answers: [
      { key: "lefs", occasion: "intake", day: 0, answers: lefs(52) },
      { key: "nprs", occasion: "intake", day: 0, answers: nprs(4) },
      { key: "lefs", occasion: "week:2", day: 14, answers: lefs(41) },
      { key: "nprs", occasion: "week:2", day: 14, answers: nprs(6) },
    ],
  },
  {
    patientEmail: "elena.k@example.com",
    clinicianEmail: "clinician2@demo.junction.test",
    title: "Patellofemoral pain, right knee",
    startedDaysAgo: 70,
    dischargedDaysAgo: 7,
    schedules: [
      every("lefs", 4),
      { instrumentKey: "groc", atIntake: false, everyWeeks: null, everyVisits: null, atDischarge: true },
    ],
    answers: [
      { key: "lefs", occasion: "intake", day: 0, answers: lefs(38) },
      { key: "lefs", occasion: "week:4", day: 28, answers: lefs(51) },
      { key: "lefs", occasion: "week:8", day: 56, answers: lefs(63) },
      { key: "groc", occasion: "discharge", day: 63, answers: groc(5) },
    ],
  },
];

/** Adds the demo episodes once (nothing when the clinic already has an episode). */
export async function seedDemoOutcomes(tx: Tx, clinicId: string, now: Date): Promise<void> {
  const [existing] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(episodes)
    .where(eq(episodes.clinicId, clinicId));
  if ((existing?.n ?? 0) > 0) return;
  for (const demo of DEMO_EPISODES) {
    const [patient] = await tx
      .select({ id: patients.id, email: patients.email })
      .from(patients)
      .where(and(eq(patients.clinicId, clinicId), eq(patients.email, demo.patientEmail)));
    const [clinician] = await tx
      .select({ id: users.id })
      .from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id))
      .where(and(eq(memberships.clinicId, clinicId), sql`lower(${users.email}) = ${demo.clinicianEmail}`));
    if (!patient) continue;
    const startedAt = new Date(now.getTime() - demo.startedDaysAgo * DAY);
    const dischargedAt =
      demo.dischargedDaysAgo !== undefined ? new Date(now.getTime() - demo.dischargedDaysAgo * DAY) : null;
    const [episode] = await tx
      .insert(episodes)
      .values({
        clinicId,
        patientId: patient.id,
        clinicianId: clinician?.id ?? null,
        title: demo.title,
        startedAt,
        status: dischargedAt ? "discharged" : "active",
        dischargedAt,
        createdBy: clinician?.id ?? null,
        createdAt: startedAt,
        updatedAt: startedAt,
      })
      .returning();
    await tx.insert(outcomeSchedules).values(
      demo.schedules.map((s) => ({
        clinicId,
        episodeId: episode!.id,
        ...s,
        createdAt: startedAt,
        updatedAt: startedAt,
      })),
    );
    for (const a of demo.answers) {
      const instrument = INSTRUMENTS[a.key];
      const scored = scoreAnswers(instrument, a.answers);
      if (!scored.ok) throw new Error(`Demo ${a.key} answers do not score: ${scored.reason}`);
      const at = new Date(startedAt.getTime() + a.day * DAY + 3_600_000);
      const [request] = await tx
        .insert(outcomeRequests)
        .values({
          clinicId,
          episodeId: episode!.id,
          patientId: patient.id,
          instrumentKey: a.key,
          instrumentVersion: instrument.version,
          occasion: a.occasion,
          dueAt: at,
          closesAt: closesAt(at),
          status: "submitted",
          createdAt: at,
          updatedAt: at,
        })
        .returning();
      const byPatient = a.day !== 0;
      // Follow-ups were answered on the emailed link: the email is on record as sent.
      if (byPatient) {
        await tx.insert(messages).values({
          clinicId,
          patientId: patient.id,
          kind: "questionnaire",
          key: outcomeMessageKey(request!.id),
          dueAt: at,
          state: "sent",
          attempts: 1,
          toEmail: patient.email,
          sentAt: at,
          details: { requestIds: request!.id },
          createdAt: at,
          updatedAt: at,
        });
      }
      await tx.insert(outcomeResponses).values({
        clinicId,
        requestId: request!.id,
        episodeId: episode!.id,
        patientId: patient.id,
        instrumentKey: a.key,
        instrumentVersion: instrument.version,
        answers: a.answers,
        score: scored.score,
        answeredItems: scored.answered,
        totalItems: scored.total,
        prorated: scored.adjusted,
        source: byPatient ? "patient" : "staff",
        enteredBy: byPatient ? null : (clinician?.id ?? null),
        completedAt: new Date(at.getTime() + (byPatient ? 5 * 3_600_000 : 0)),
        createdAt: at,
      });
    }
  }
}

// Home-exercise programs for six of the demo clinic's history patients, so the owner's adherence KPI
// and the clinicians' program pages have something true to show: each started some weeks ago, was
// assigned by its clinician (the plan email on record as sent), and the patient ticked exercises on
// some days, from nearly every prescribed day to hardly any. Made through the app's own functions
// (saveProgram, assignProgram, setItemDone) at the times they happened. Deterministic, and added once:
// skipped when the clinic has any program.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { messages, patients, programs } from "@/db/schema";
import { setItemDone } from "@/server/plan/plan";
import { assignProgram } from "@/server/programs/assign-program";
import { saveProgram } from "@/server/programs/save-program";
import { addDays, localDateTime, wallTimeToUtc } from "@/server/scheduling/zoned-time";
import { bookableStaff } from "./demo-week";

/** The seed article's interventions, by their names in the shipped library. */
const EXERCISES = ["Segmental cat-camel", "Dead bug", "Half-kneeling Pallof press", "Dowel hip hinge"];

/** Per patient: weeks since the start, and the share of prescribed days done (in tenths). */
const COURSES = [
  { weeksAgo: 4, doneTenths: 9 },
  { weeksAgo: 3, doneTenths: 8 },
  { weeksAgo: 5, doneTenths: 6 },
  { weeksAgo: 2, doneTenths: 5 },
  { weeksAgo: 3, doneTenths: 3 },
  { weeksAgo: 6, doneTenths: 2 },
];
const DAYS_PER_WEEK = 4;

export async function seedDemoPrograms(tx: Tx, clinicId: string, timeZone: string, now: Date): Promise<void> {
  const [any] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(programs)
    .where(eq(programs.clinicId, clinicId));
  if ((any?.n ?? 0) > 0) return;
  const staff = await bookableStaff(tx, clinicId);
  const library = await tx.execute<{ id: string; name: string }>(
    sql`SELECT id, name FROM library_exercises WHERE name = ANY (${`{${EXERCISES.map((n) => `"${n}"`).join(",")}}`}::text[])`,
  );
  const exerciseIds = EXERCISES.map((n) => library.rows.find((r) => r.name === n)?.id).filter(
    (id): id is string => id !== undefined,
  );
  // the history patients (demo-history.ts), first by name
  const people = await tx
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.clinicId, clinicId), sql`${patients.email} LIKE 'demo.history.%'`))
    .orderBy(asc(patients.lastName), asc(patients.firstName))
    .limit(COURSES.length);
  if (!staff.length || exerciseIds.length < 2 || people.length < COURSES.length) return;

  const today = localDateTime(now, timeZone).date;
  for (const [i, course] of COURSES.entries()) {
    const patientId = people[i]!.id;
    const actor = { clinicId, userId: staff[i % staff.length]!.id };
    const startDate = addDays(today, -7 * course.weeksAgo);
    const assignedAt = wallTimeToUtc(addDays(startDate, -1), "16:00", timeZone);
    const saved = await saveProgram(
      tx,
      actor,
      {
        patientId,
        title: "Thoracolumbar junction: settle, then strengthen",
        startDate,
        daysPerWeek: DAYS_PER_WEEK,
        phases: [
          {
            title: "Mobility and trunk control",
            notes: "Little and often; stop short of sharp pain at the junction.",
            startWeek: null,
            startDate: null,
            items: exerciseIds.map((exerciseId) => ({
              exerciseId,
              dosage: {
                sets: 2,
                reps: 10,
                holdSeconds: null,
                side: "both",
                timesPerDay: 1,
                daysPerWeek: DAYS_PER_WEEK,
              },
              note: null,
              clinicianNote: null,
            })),
          },
        ],
      },
      assignedAt,
    );
    await assignProgram(tx, actor, { id: saved.id, expectedRevision: saved.revision }, assignedAt);
    // the plan email went out when it was assigned
    await tx
      .update(messages)
      .set({ state: "sent", attempts: 1, sentAt: assignedAt, updatedAt: assignedAt })
      .where(and(eq(messages.clinicId, clinicId), eq(messages.patientId, patientId), eq(messages.kind, "plan")));

    const items = await tx.execute<{ id: string }>(
      sql`SELECT id FROM program_items WHERE clinic_id = ${clinicId} AND program_id = ${saved.id} ORDER BY version, position`,
    );
    const link = { clinicId, patientId, purpose: "plan" as const, ref: saved.id, expiresAt: now };
    // Done days, up to yesterday: each week of the course offers days 0, 2, 4 and 6 (the prescribed
    // four), and the patient did the first of them up to the course's share, every exercise.
    for (let day = startDate; day < today; day = addDays(day, 1)) {
      const dayOfCourse = Math.round(
        (Date.parse(`${day}T00:00:00Z`) - Date.parse(`${startDate}T00:00:00Z`)) / 86_400_000,
      );
      const slot = dayOfCourse % 7;
      const doneThisWeek = Math.round((DAYS_PER_WEEK * course.doneTenths) / 10);
      if (slot % 2 !== 0 || slot / 2 >= doneThisWeek) continue;
      const at = wallTimeToUtc(day, "19:30", timeZone);
      for (const item of items.rows) await setItemDone(tx, link, { itemId: item.id, day, done: true }, at);
    }
  }
}

// The patient's plan, opened from a signed link (purpose "plan"): today's exercises of the version
// last assigned — of a phased program, the phase due that day only (server/programs/phases.ts) —
// ticked off one by one, and a pain rating with a comment per day. Before the plan's first day the
// page says when it starts and shows the first phase without ticks. Clinician notes never leave here. Days are the
// clinic's calendar days; a patient may fill in today and up to a week back, not the future.
// A link naming a program (ref, from the plan email) shows that program while it is assigned;
// otherwise — or once it is archived — the patient's most recently assigned program.
import { and, desc, eq, ne, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { exerciseLogs, planFeedback, programItems, programs, programVersions } from "@/db/schema";
import type { PatientLink } from "@/server/auth/patient-links";
import { getClinic } from "@/server/clinic/settings";
import { DomainError, notFound } from "@/server/errors";
import { getPatient } from "@/server/patients/patients";
import { assignedVersionOf, givenToPatient, phaseMoves, phaseNow } from "@/server/programs/adherence";
import { phaseSchedule, phasesOn } from "@/server/programs/phases";
import { loadVersionView } from "@/server/programs/read-programs";
import { addDays, localDateTime } from "@/server/scheduling/zoned-time";

export const LOG_DAYS_BACK = 7;

/** "Monday, March 9" for a calendar date. */
export const longDay = (date: string) =>
  new Intl.DateTimeFormat("en-US", { timeZone: "UTC", weekday: "long", month: "long", day: "numeric" }).format(
    new Date(`${date}T12:00:00Z`),
  );

/** The day the patient means (today by default), refused if it is in the future or more than a week back. */
export function planDay(day: string | undefined, timeZone: string, now: Date): { today: string; day: string } {
  const today = localDateTime(now, timeZone).date;
  const chosen = day ?? today;
  if (chosen > today)
    throw new DomainError("FUTURE_DAY", "That day hasn't come yet: you can log today or the past week.");
  if (chosen < addDays(today, -LOG_DAYS_BACK))
    throw new DomainError(
      "TOO_LONG_AGO",
      `That day is too long ago: you can log today or the past ${LOG_DAYS_BACK} days.`,
    );
  return { today, day: chosen };
}

/** The program the link shows: the one it names while assigned, else the patient's latest assigned one. */
async function shownProgram(tx: Tx, link: PatientLink, programId?: string) {
  const wanted = programId ?? link.ref;
  const rows = await tx
    .select({ id: programs.id, version: programs.assignedVersion })
    .from(programs)
    .innerJoin(programVersions, assignedVersionOf)
    .where(and(eq(programs.clinicId, link.clinicId), eq(programs.patientId, link.patientId), givenToPatient))
    .orderBy(...(wanted ? [sql`${programs.id} = ${wanted}::uuid DESC`] : []), desc(programVersions.assignedAt));
  const first = rows[0];
  if (programId && first?.id !== programId) throw notFound("That plan");
  return first ? { id: first.id, version: first.version! } : null;
}

export async function planToday(tx: Tx, link: PatientLink, input: { day?: string }, now = new Date()) {
  const patient = await getPatient(tx, link.clinicId, link.patientId);
  const clinic = await getClinic(tx, link.clinicId);
  const { today, day } = planDay(input.day, clinic.timeZone, now);
  const shown = await shownProgram(tx, link);
  const base = {
    clinic: { name: clinic.name, phone: clinic.phone, email: clinic.email, timeZone: clinic.timeZone },
    firstName: patient.firstName,
    today,
    day,
    expiresAt: link.expiresAt,
  };
  if (!shown) return { ...base, program: null, feedbackToday: null };

  const view = await loadVersionView(tx, link.clinicId, shown.id, shown.version);
  if (!view) return { ...base, program: null, feedbackToday: null };
  const done = await tx
    .select({ itemId: exerciseLogs.itemId })
    .from(exerciseLogs)
    .where(
      and(
        eq(exerciseLogs.clinicId, link.clinicId),
        eq(exerciseLogs.programId, shown.id),
        eq(exerciseLogs.day, day),
        eq(exerciseLogs.done, true),
      ),
    );
  const doneIds = new Set(done.map((d) => d.itemId));
  const [feedback] = await tx
    .select({ pain: planFeedback.pain, comment: planFeedback.comment })
    .from(planFeedback)
    .where(
      and(eq(planFeedback.clinicId, link.clinicId), eq(planFeedback.programId, shown.id), eq(planFeedback.day, day)),
    );

  // The phases due that day; before the start, the first ones, shown without ticks.
  const moves = (await phaseMoves(tx, link.clinicId, [shown.id])).get(shown.id) ?? [];
  const schedule = phaseSchedule(view.startDate, view.phases, moves);
  const due = phasesOn(schedule, day);
  const started = due.length > 0;
  const shownPhases = started ? due : phasesOn(schedule, view.startDate);

  return {
    ...base,
    program: {
      id: shown.id,
      title: view.title,
      version: view.version,
      clinicianName: view.clinicianName,
      startDate: view.startDate,
      /** False before the plan's first day: nothing to tick yet. */
      started,
      daysPerWeek: view.daysPerWeek,
      assignedAt: view.assignedAt,
      /** Where a phased plan is on the day (null: no phases with starts). */
      phase: phaseNow(view, moves, day),
      phases: shownPhases.map((index) => {
        const p = view.phaseViews[index]!;
        return {
          title: p.title,
          notes: p.notes,
          // Only what the patient may read: the instruction, never the clinician's note.
          items: p.items.map((i) => ({
            itemId: i.itemId,
            exercise: i.exercise,
            dosage: i.dosage,
            note: i.note,
            doneToday: doneIds.has(i.itemId),
          })),
        };
      }),
    },
    feedbackToday: feedback ?? null,
  };
}

/** Ticks (or unticks) one exercise of the plan the patient has now, for one day. */
export async function setItemDone(
  tx: Tx,
  link: PatientLink,
  input: { itemId: string; day: string; done: boolean },
  now = new Date(),
) {
  const clinic = await getClinic(tx, link.clinicId);
  const { day } = planDay(input.day, clinic.timeZone, now);
  // The item must belong to a version the patient has now (the last assigned of a live program).
  const [item] = await tx
    .select({
      programId: programItems.programId,
      version: programItems.version,
      phaseIndex: programItems.phaseIndex,
      startDate: programVersions.startDate,
      phases: programVersions.phases,
    })
    .from(programItems)
    .innerJoin(
      programs,
      and(
        eq(programs.clinicId, programItems.clinicId),
        eq(programs.id, programItems.programId),
        eq(programs.assignedVersion, programItems.version),
      ),
    )
    .innerJoin(
      programVersions,
      and(
        eq(programVersions.clinicId, programItems.clinicId),
        eq(programVersions.programId, programItems.programId),
        eq(programVersions.version, programItems.version),
      ),
    )
    .where(
      and(
        eq(programItems.clinicId, link.clinicId),
        eq(programItems.id, input.itemId),
        eq(programs.patientId, link.patientId),
        ne(programs.status, "archived"),
      ),
    );
  if (!item)
    throw new DomainError(
      "NOT_IN_PLAN",
      "That exercise is no longer in your plan. Reload the page to see your current plan.",
      "NOT_FOUND",
    );
  // Only the exercises due that day: from the plan's first day, of the phase that applied then.
  const moves = (await phaseMoves(tx, link.clinicId, [item.programId])).get(item.programId) ?? [];
  const due = phasesOn(phaseSchedule(item.startDate, item.phases, moves), day);
  if (due.length === 0)
    throw new DomainError(
      "NOT_STARTED",
      `Your plan starts on ${longDay(item.startDate)}: you can tick exercises from then.`,
    );
  if (!due.includes(item.phaseIndex))
    throw new DomainError(
      "NOT_IN_PHASE",
      "That exercise isn't part of this day's phase of your plan. Reload the page to see today's exercises.",
      "NOT_FOUND",
    );
  await tx
    .insert(exerciseLogs)
    .values({
      clinicId: link.clinicId,
      programId: item.programId,
      version: item.version,
      itemId: input.itemId,
      patientId: link.patientId,
      day,
      done: input.done,
      loggedAt: now,
    })
    .onConflictDoUpdate({
      target: [exerciseLogs.clinicId, exerciseLogs.itemId, exerciseLogs.day],
      set: { done: input.done, loggedAt: now },
    });
  return { itemId: input.itemId, day, done: input.done };
}

/** The patient's pain (0–10) and comment for a day, replacing what they said that day before. */
export async function givePlanFeedback(
  tx: Tx,
  link: PatientLink,
  input: { day: string; pain: number; comment: string | null; programId?: string },
  now = new Date(),
) {
  const clinic = await getClinic(tx, link.clinicId);
  const { day } = planDay(input.day, clinic.timeZone, now);
  const shown = await shownProgram(tx, link, input.programId);
  if (!shown) throw new DomainError("NO_PLAN", "You don't have an exercise plan at the moment.", "NOT_FOUND");
  await tx
    .insert(planFeedback)
    .values({
      clinicId: link.clinicId,
      programId: shown.id,
      version: shown.version,
      patientId: link.patientId,
      day,
      pain: input.pain,
      comment: input.comment,
      loggedAt: now,
    })
    .onConflictDoUpdate({
      target: [planFeedback.clinicId, planFeedback.programId, planFeedback.day],
      set: { pain: input.pain, comment: input.comment, version: shown.version, loggedAt: now },
    });
  return { programId: shown.id, day, pain: input.pain, comment: input.comment };
}

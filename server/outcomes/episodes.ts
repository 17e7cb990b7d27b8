// Episodes of care and their questionnaire schedules. Every change lays out the requests it
// implies in the same transaction: intake now, week occasions up to a year ahead, discharge at
// discharge, visit occasions when a visit is recorded (recordVisit, called by the appointment
// status change). One request per episode, instrument and occasion (a unique constraint), and one
// email per request (the message key `outcome:<requestId>`), so nothing is asked twice.
import { and, eq, gt, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { episodes, memberships, messages, outcomeRequests, outcomeSchedules, patients } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { DomainError } from "@/server/errors";
import { wakeDispatcher } from "@/server/jobs/queues";
import { recipientSkipReason } from "@/server/messages/deliver";
import { outcomeMessageKey } from "@/server/messages/questionnaire-key";
import { INSTRUMENTS } from "./instruments";
import { closesAt, weekOccasions, visitOccasion, type Occasion } from "./occasions";
import { requireEnabled } from "./settings";
import type { InstrumentKey } from "./types";
import type { ScheduleInput } from "./views";

export type Actor = { clinicId: string; userId: string };

type NewRequest = { instrumentKey: InstrumentKey } & Occasion;

/**
 * Creates the requests (or revives cancelled ones for the same occasion) and queues one email for
 * each request created or revived. `email: false` (answered in clinic) queues none.
 */
export async function createRequests(
  tx: Tx,
  episode: { clinicId: string; id: string; patientId: string },
  wanted: NewRequest[],
  now: Date,
  opts: { email: boolean } = { email: true },
): Promise<{ id: string; dueAt: Date }[]> {
  if (wanted.length === 0) return [];
  const created = await tx
    .insert(outcomeRequests)
    .values(
      wanted.map((w) => ({
        clinicId: episode.clinicId,
        episodeId: episode.id,
        patientId: episode.patientId,
        instrumentKey: w.instrumentKey,
        instrumentVersion: INSTRUMENTS[w.instrumentKey].version,
        occasion: w.occasion,
        dueAt: w.dueAt,
        closesAt: closesAt(w.dueAt),
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoUpdate({
      target: [
        outcomeRequests.clinicId,
        outcomeRequests.episodeId,
        outcomeRequests.instrumentKey,
        outcomeRequests.occasion,
      ],
      set: { status: "pending", dueAt: sql`excluded.due_at`, closesAt: sql`excluded.closes_at`, updatedAt: now },
      setWhere: sql`${outcomeRequests.status} = 'cancelled'`,
    })
    .returning({ id: outcomeRequests.id, dueAt: outcomeRequests.dueAt });
  if (created.length === 0 || !opts.email) return created;

  const [patient] = await tx
    .select({ email: patients.email, emailOptOutAt: patients.emailOptOutAt })
    .from(patients)
    .where(and(eq(patients.clinicId, episode.clinicId), eq(patients.id, episode.patientId)));
  const reason = recipientSkipReason(patient ?? null, "questionnaire");
  // Only what is due now is skipped at once for want of an address; later ones stay pending and the
  // sender checks the address when they fall due (the patient may have given one by then).
  const skipNow = (dueAt: Date) => (reason && dueAt.getTime() <= now.getTime() ? reason : null);
  // What falls due together (the intake's questionnaires, say) goes in one email: one message per
  // due time, keyed by its first request, naming all of them (details.requestIds).
  const groups = new Map<number, { id: string; dueAt: Date }[]>();
  for (const r of created) groups.set(r.dueAt.getTime(), [...(groups.get(r.dueAt.getTime()) ?? []), r]);
  const rows = [...groups.values()].map((group) => {
    const ids = group.map((r) => r.id).sort();
    const dueAt = group[0]!.dueAt;
    return {
      clinicId: episode.clinicId,
      patientId: episode.patientId,
      kind: "questionnaire" as const,
      key: outcomeMessageKey(ids[0]!),
      dueAt,
      state: skipNow(dueAt) ? ("skipped" as const) : ("pending" as const),
      skipReason: skipNow(dueAt),
      toEmail: skipNow(dueAt) ? (patient?.email ?? null) : null,
      details: { requestIds: ids.join(",") },
      createdAt: now,
      updatedAt: now,
    };
  });
  await tx
    .insert(messages)
    .values(rows)
    .onConflictDoUpdate({
      target: [messages.clinicId, messages.key],
      set: {
        state: sql`excluded.state`,
        skipReason: sql`excluded.skip_reason`,
        dueAt: sql`excluded.due_at`,
        details: sql`excluded.details`,
        updatedAt: now,
      },
      setWhere: sql`${messages.state} = 'skipped' AND ${messages.skipReason} = 'withdrawn'`,
    });
  if (rows.some((m) => m.state === "pending" && m.dueAt.getTime() <= now.getTime())) await wakeDispatcher(tx);
  return created;
}

/** Withdraws the unsent emails of these (now cancelled) requests that ask for nothing else still pending. */
async function cancelRequests(tx: Tx, clinicId: string, ids: string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  const named = sql`string_to_array(${messages.details}->>'requestIds', ',')::uuid[]`;
  await tx
    .update(messages)
    .set({ state: "skipped", skipReason: "withdrawn", updatedAt: now })
    .where(
      and(
        eq(messages.clinicId, clinicId),
        eq(messages.kind, "questionnaire"),
        eq(messages.state, "pending"),
        sql`${named} && ${sql`ARRAY[${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )}]::uuid[]`}`,
        sql`NOT EXISTS (SELECT 1 FROM outcome_requests r WHERE r.clinic_id = ${messages.clinicId} AND r.id = ANY(${named}) AND r.status = 'pending')`,
      ),
    );
}

/** The unanswered requests of an episode: scheduled (not yet due) ones, or all of them. */
async function unansweredRequests(tx: Tx, clinicId: string, episodeId: string, now: Date, opts: { dueLater: boolean }) {
  return tx
    .select({
      id: outcomeRequests.id,
      instrumentKey: outcomeRequests.instrumentKey,
      occasion: outcomeRequests.occasion,
    })
    .from(outcomeRequests)
    .where(
      and(
        eq(outcomeRequests.clinicId, clinicId),
        eq(outcomeRequests.episodeId, episodeId),
        eq(outcomeRequests.status, "pending"),
        opts.dueLater ? gt(outcomeRequests.dueAt, now) : undefined,
      ),
    );
}

async function markCancelled(tx: Tx, clinicId: string, ids: string[], now: Date) {
  if (ids.length === 0) return;
  await tx
    .update(outcomeRequests)
    .set({ status: "cancelled", updatedAt: now })
    .where(
      and(
        eq(outcomeRequests.clinicId, clinicId),
        inArray(outcomeRequests.id, ids),
        eq(outcomeRequests.status, "pending"),
      ),
    );
  await cancelRequests(tx, clinicId, ids, now);
}

async function requireClinician(tx: Tx, clinicId: string, clinicianId: string | null) {
  if (!clinicianId) return;
  const [member] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.clinicId, clinicId), eq(memberships.userId, clinicianId)));
  if (!member || member.role === "front_desk")
    throw new DomainError("UNKNOWN_CLINICIAN", "Choose a clinician of this clinic.", "BAD_REQUEST");
}

async function loadEpisode(tx: Tx, clinicId: string, episodeId: string, opts: { lock?: boolean } = {}) {
  const query = tx
    .select()
    .from(episodes)
    .where(and(eq(episodes.clinicId, clinicId), eq(episodes.id, episodeId)));
  const [episode] = opts.lock ? await query.for("update") : await query;
  if (!episode) throw new DomainError("NOT_FOUND", "That episode of care was not found.", "NOT_FOUND");
  return episode;
}

/** The future occasions a schedule implies from now on (intake only when the episode starts). */
function plannedOccasions(
  schedule: ScheduleInput,
  startedAt: Date,
  now: Date,
  opts: { starting: boolean },
): NewRequest[] {
  const out: NewRequest[] = [];
  if (schedule.atIntake && opts.starting)
    out.push({ instrumentKey: schedule.instrumentKey, occasion: "intake", dueAt: now });
  for (const w of weekOccasions(startedAt, schedule.everyWeeks)) {
    if (w.dueAt.getTime() > now.getTime()) out.push({ instrumentKey: schedule.instrumentKey, ...w });
  }
  return out;
}

export async function startEpisode(
  tx: Tx,
  actor: Actor,
  input: { patientId: string; title: string; clinicianId: string | null; schedules: ScheduleInput[] },
  now = new Date(),
): Promise<{ episodeId: string }> {
  const [patient] = await tx
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.clinicId, actor.clinicId), eq(patients.id, input.patientId)));
  if (!patient) throw new DomainError("NOT_FOUND", "That patient was not found.", "NOT_FOUND");
  await requireClinician(tx, actor.clinicId, input.clinicianId);
  await requireEnabled(
    tx,
    actor.clinicId,
    input.schedules.map((s) => s.instrumentKey),
  );
  const [episode] = await tx
    .insert(episodes)
    .values({
      clinicId: actor.clinicId,
      patientId: input.patientId,
      clinicianId: input.clinicianId,
      title: input.title,
      startedAt: now,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await tx.insert(outcomeSchedules).values(
    input.schedules.map((s) => ({
      clinicId: actor.clinicId,
      episodeId: episode!.id,
      ...s,
      createdAt: now,
      updatedAt: now,
    })),
  );
  await createRequests(
    tx,
    episode!,
    input.schedules.flatMap((s) => plannedOccasions(s, now, now, { starting: true })),
    now,
  );
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: "outcomes.episode_start",
    entity: "episode",
    entityId: episode!.id,
    details: { patientId: input.patientId, instruments: input.schedules.map((s) => s.instrumentKey) },
  });
  return { episodeId: episode!.id };
}

/** Replaces the episode's instruments and schedules; later requests follow the new plan. */
export async function setSchedules(
  tx: Tx,
  actor: Actor,
  input: { episodeId: string; schedules: ScheduleInput[] },
  now = new Date(),
) {
  const episode = await loadEpisode(tx, actor.clinicId, input.episodeId, { lock: true });
  if (episode.status !== "active")
    throw new DomainError(
      "DISCHARGED",
      "This episode of care is discharged; its questionnaires can no longer change.",
      "CONFLICT",
    );
  const current = await tx
    .select()
    .from(outcomeSchedules)
    .where(and(eq(outcomeSchedules.clinicId, actor.clinicId), eq(outcomeSchedules.episodeId, episode.id)));
  const wantedKeys = new Set(input.schedules.map((s) => s.instrumentKey));
  const added = input.schedules
    .filter((s) => !current.some((c) => c.instrumentKey === s.instrumentKey && c.active))
    .map((s) => s.instrumentKey);
  await requireEnabled(tx, actor.clinicId, added);

  for (const c of current) {
    if (!wantedKeys.has(c.instrumentKey as InstrumentKey) && c.active) {
      await tx
        .update(outcomeSchedules)
        .set({ active: false, updatedAt: now })
        .where(and(eq(outcomeSchedules.clinicId, actor.clinicId), eq(outcomeSchedules.id, c.id)));
    }
  }
  for (const s of input.schedules) {
    await tx
      .insert(outcomeSchedules)
      .values({ clinicId: actor.clinicId, episodeId: episode.id, ...s, active: true, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [outcomeSchedules.clinicId, outcomeSchedules.episodeId, outcomeSchedules.instrumentKey],
        set: {
          atIntake: s.atIntake,
          everyWeeks: s.everyWeeks,
          everyVisits: s.everyVisits,
          atDischarge: s.atDischarge,
          active: true,
          updatedAt: now,
        },
      });
  }

  // An instrument newly added with "at intake" is asked now, once (an earlier intake is kept).
  const planned = input.schedules.flatMap((s) =>
    plannedOccasions(s, episode.startedAt, now, { starting: added.includes(s.instrumentKey) }),
  );
  const plannedKeys = new Set(planned.map((p) => `${p.instrumentKey}|${p.occasion}`));
  // Later occasions that no longer fit are withdrawn; an instrument taken off the episode is
  // withdrawn altogether, open (due, unanswered) requests and their unsent emails included.
  const unanswered = await unansweredRequests(tx, actor.clinicId, episode.id, now, { dueLater: false });
  const future = new Set(
    (await unansweredRequests(tx, actor.clinicId, episode.id, now, { dueLater: true })).map((f) => f.id),
  );
  const withdrawn = unanswered.filter(
    (u) =>
      !wantedKeys.has(u.instrumentKey as InstrumentKey) ||
      (future.has(u.id) && !plannedKeys.has(`${u.instrumentKey}|${u.occasion}`)),
  );
  await markCancelled(
    tx,
    actor.clinicId,
    withdrawn.map((u) => u.id),
    now,
  );
  await createRequests(tx, episode, planned, now);
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: "outcomes.schedules",
    entity: "episode",
    entityId: episode.id,
    details: { instruments: input.schedules.map((s) => s.instrumentKey) },
  });
  return { episodeId: episode.id };
}

/** Discharges the episode: later questionnaires are cancelled, discharge ones are asked now. */
export async function dischargeEpisode(tx: Tx, actor: Actor, input: { episodeId: string }, now = new Date()) {
  const episode = await loadEpisode(tx, actor.clinicId, input.episodeId, { lock: true });
  if (episode.status === "discharged") {
    throw new DomainError(
      "ALREADY_DISCHARGED",
      `This episode of care was already discharged on ${episode.dischargedAt!.toISOString().slice(0, 10)}.`,
      "CONFLICT",
    );
  }
  await tx
    .update(episodes)
    .set({ status: "discharged", dischargedAt: now, updatedAt: now })
    .where(and(eq(episodes.clinicId, actor.clinicId), eq(episodes.id, episode.id)));
  const future = await unansweredRequests(tx, actor.clinicId, episode.id, now, { dueLater: true });
  await markCancelled(
    tx,
    actor.clinicId,
    future.map((f) => f.id),
    now,
  );
  const schedules = await tx
    .select({ instrumentKey: outcomeSchedules.instrumentKey })
    .from(outcomeSchedules)
    .where(
      and(
        eq(outcomeSchedules.clinicId, actor.clinicId),
        eq(outcomeSchedules.episodeId, episode.id),
        eq(outcomeSchedules.active, true),
        eq(outcomeSchedules.atDischarge, true),
      ),
    );
  const created = await createRequests(
    tx,
    episode,
    schedules.map((s) => ({ instrumentKey: s.instrumentKey as InstrumentKey, occasion: "discharge", dueAt: now })),
    now,
  );
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: "outcomes.discharge",
    entity: "episode",
    entityId: episode.id,
  });
  return { episodeId: episode.id, dischargeRequests: created.length };
}

/** An extra questionnaire now: emailed, or (email false) to be answered in clinic. */
export async function sendNow(
  tx: Tx,
  actor: Actor,
  input: { episodeId: string; instrumentKey: InstrumentKey; email: boolean },
  now = new Date(),
) {
  const episode = await loadEpisode(tx, actor.clinicId, input.episodeId);
  if (episode.status !== "active") {
    throw new DomainError(
      "DISCHARGED",
      "This episode of care is discharged: start a new episode to ask for more answers.",
      "CONFLICT",
    );
  }
  await requireEnabled(tx, actor.clinicId, [input.instrumentKey]);
  const [created] = await createRequests(
    tx,
    episode,
    [{ instrumentKey: input.instrumentKey, occasion: `manual:${now.toISOString()}`, dueAt: now }],
    now,
    { email: input.email },
  );
  if (!created)
    throw new DomainError(
      "DUPLICATE",
      "That questionnaire was just requested. Wait a moment and try again.",
      "CONFLICT",
    );
  return { requestId: created.id };
}

/**
 * A visit was attended (checked in or completed): for each of the patient's active episodes with
 * an "every N visits" schedule, the visit count since the episode's first day may reach a multiple
 * of N: that occasion's questionnaire is asked now. Runs in the status change's transaction.
 */
export async function recordVisit(tx: Tx, clinicId: string, patientId: string, now = new Date()): Promise<number> {
  const rows = await tx.execute<{
    episode_id: string;
    instrument_key: string;
    every_visits: number;
    visits: number;
  }>(sql`
    SELECT e.id AS episode_id, s.instrument_key, s.every_visits,
      (SELECT count(*)::int FROM appointments a
        WHERE a.clinic_id = e.clinic_id AND a.patient_id = e.patient_id AND a.status IN ('checked_in', 'completed')
          AND a.starts_at >= (date_trunc('day', e.started_at AT TIME ZONE c.time_zone) AT TIME ZONE c.time_zone)) AS visits
    FROM episodes e
    JOIN clinics c ON c.id = e.clinic_id
    JOIN outcome_schedules s ON s.clinic_id = e.clinic_id AND s.episode_id = e.id AND s.active AND s.every_visits IS NOT NULL
    WHERE e.clinic_id = ${clinicId} AND e.patient_id = ${patientId} AND e.status = 'active'`);
  // Per episode, everything this visit brings due is asked together (one email).
  const wanted = new Map<string, NewRequest[]>();
  for (const r of rows.rows) {
    const occasion = visitOccasion(r.visits, r.every_visits);
    if (occasion)
      wanted.set(r.episode_id, [
        ...(wanted.get(r.episode_id) ?? []),
        { instrumentKey: r.instrument_key as InstrumentKey, occasion, dueAt: now },
      ]);
  }
  let asked = 0;
  for (const [episodeId, list] of wanted)
    asked += (await createRequests(tx, { clinicId, id: episodeId, patientId }, list, now)).length;
  return asked;
}

// What staff see of outcomes: a patient's episodes (schedules, requests with their email, the
// series per instrument with progress against the MCID), the clinic's "needs attention" list and
// the owner's share of discharged episodes that reached the MCID.
import { and, asc, eq, inArray, lte, ne, sql, type SQL } from "drizzle-orm";
import { executeBatch, executeBuilt, type Tx } from "@/db/client";
import {
  clinics,
  episodes,
  messages,
  outcomeRequests,
  outcomeResponses,
  outcomeSchedules,
  patients,
  users,
} from "@/db/schema";
import { messageRequestIds } from "@/server/messages/questionnaire";
import { groupBy } from "@/server/group-by";
import { summarizeResponse } from "./answers";
import { getInstrument, INSTRUMENT_KEYS } from "./instruments";
import { occasionLabel, scheduleLabel } from "./occasions";
import { assessProgress, formatChangeSize, formatScore, scoreNote } from "./scoring";
import type { Instrument, InstrumentKey } from "./types";
import type {
  AttentionItem,
  ClinicOutcomeSummary,
  EpisodeView,
  OutcomeShare,
  PatientOutcomesView,
  RequestState,
  RequestView,
  SeriesPoint,
  SeriesView,
} from "./views";

type EpisodeRow = typeof episodes.$inferSelect & { clinicianName: string | null };
type ResponseRow = typeof outcomeResponses.$inferSelect & { occasion: string; dueAt: Date };
/** What a series and the clinic summary read of an episode (summaryReads selects exactly this). */
type SeriesEpisode = Pick<EpisodeRow, "id" | "clinicianId" | "clinicianName" | "startedAt" | "dischargedAt">;
/** What a series reads of a response (summaryReads selects exactly this). */
type SeriesResponse = Pick<
  ResponseRow,
  | "id"
  | "requestId"
  | "episodeId"
  | "instrumentKey"
  | "score"
  | "unscoredReason"
  | "answeredItems"
  | "totalItems"
  | "prorated"
  | "source"
  | "completedAt"
  | "occasion"
  | "dueAt"
>;
/** A follow-up whose answering window closed unanswered: what "no follow-up" is judged by. */
type MissedRow = { episodeId: string; instrumentKey: string; occasion: string; closesAt: Date };

/**
 * When an answer counts as given: on the link, when it was sent; entered by staff, no later than
 * its occasion was due (a paper intake typed in at week 3 is still the intake, so the baseline).
 */
const answeredAt = (r: Pick<ResponseRow, "source" | "completedAt" | "dueAt">) =>
  r.source === "staff" && r.dueAt.getTime() < r.completedAt.getTime() ? r.dueAt : r.completedAt;

async function reviewWeeks(tx: Tx, clinicId: string): Promise<number> {
  const [row] = await tx.select({ weeks: clinics.outcomeReviewWeeks }).from(clinics).where(eq(clinics.id, clinicId));
  return row?.weeks ?? 6;
}

function requestState(r: typeof outcomeRequests.$inferSelect, now: Date): RequestState {
  if (r.status === "submitted") return "submitted";
  if (r.status === "cancelled") return "cancelled";
  if (now.getTime() >= r.closesAt.getTime()) return "closed";
  return r.dueAt.getTime() > now.getTime() ? "scheduled" : "open";
}

/** One sentence comparing baseline and latest with the MCID, in the instrument's units. */
export function seriesSummary(instrument: Instrument, progress: SeriesView["progress"], scoredCount: number): string {
  const f = (n: number) => formatScore(instrument, n);
  const mcid = `${instrument.mcid.value}${instrument.unit === "%" ? " points" : ""}`;
  if (instrument.kind === "change") {
    if (progress.latest === null) return "Not answered yet.";
    if (progress.reachedMcid)
      return `Rated ${f(progress.latest)}: a meaningful improvement (${f(instrument.mcid.value)} or more).`;
    if (progress.worse) return `Rated ${f(progress.latest)}: the patient feels worse.`;
    return `Rated ${f(progress.latest)}: short of a meaningful improvement (${f(instrument.mcid.value)}).`;
  }
  if (progress.baseline === null || progress.latest === null) return "No scored answer yet.";
  if (scoredCount < 2) return `Baseline ${f(progress.baseline)}; no follow-up yet (MCID ${mcid}).`;
  // The change and its verdict come from the unrounded scores; only the words round.
  const size = formatChangeSize(instrument, progress.change ?? 0);
  const direction = (progress.change ?? 0) > 0 ? "better" : (progress.change ?? 0) < 0 ? "worse" : "unchanged";
  const head = `Baseline ${f(progress.baseline)} → latest ${f(progress.latest)}: ${direction === "unchanged" ? "no change" : `${size} ${size === "1" ? "point" : "points"} ${direction}`}`;
  if (progress.reachedMcid) return `${head}, past the MCID of ${mcid}.`;
  if (progress.worse) return `${head}, beyond the MCID of ${mcid} in the wrong direction.`;
  return `${head}; the MCID is ${mcid}.`;
}

function buildSeries(
  episode: SeriesEpisode,
  key: InstrumentKey,
  responses: SeriesResponse[],
  now: Date,
  weeks: number,
  missed: MissedRow[] = [],
): SeriesView | null {
  const instrument = getInstrument(key);
  if (!instrument) return null;
  const mine = responses.filter((r) => r.episodeId === episode.id && r.instrumentKey === key);
  const points: SeriesPoint[] = mine
    .map((r) => ({
      responseId: r.id,
      requestId: r.requestId,
      at: answeredAt(r),
      score: r.score,
      scoreLabel: r.score !== null ? formatScore(instrument, r.score) : null,
      scoreNote: r.score !== null ? scoreNote(instrument, r) : null,
      unscoredReason: r.unscoredReason,
      occasionLabel: occasionLabel(r.occasion),
      source: r.source,
    }))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  // A discharged episode is judged as of its discharge, not as of today.
  const asOf = episode.dischargedAt ?? now;
  const assessed = assessProgress(
    instrument,
    points.map((p) => ({ at: p.at, score: p.score })),
    { now: asOf, startedAt: episode.startedAt, flagAfterWeeks: weeks },
  );
  // Fewer than two scores and a follow-up that closed unanswered: the patient needs chasing.
  const missedFollowUp =
    instrument.kind === "status" &&
    assessed.change === null &&
    assessed.flag === null &&
    missed.some((m) => m.episodeId === episode.id && m.instrumentKey === key && m.closesAt.getTime() <= asOf.getTime());
  const progress = missedFollowUp ? { ...assessed, flag: "no_follow_up" as const } : assessed;
  return {
    episodeId: episode.id,
    instrumentKey: key,
    instrumentName: instrument.name,
    shortName: instrument.shortName,
    unit: instrument.unit,
    better: instrument.better,
    range: instrument.range,
    mcid: instrument.mcid,
    kind: instrument.kind,
    points,
    progress,
    summary: seriesSummary(instrument, progress, points.filter((p) => p.score !== null).length),
  };
}

async function loadEpisodes(tx: Tx, clinicId: string, where: Parameters<typeof and>[number]): Promise<EpisodeRow[]> {
  // prepared (executeBuilt): planning these two reads cost about as much as running them
  const rows = await executeBuilt(
    tx
      .select({ episode: episodes, clinicianName: users.name })
      .from(episodes)
      .leftJoin(users, eq(users.id, episodes.clinicianId))
      .where(and(eq(episodes.clinicId, clinicId), where))
      .orderBy(asc(episodes.startedAt)),
  );
  return rows.map((r) => ({ ...r.episode, clinicianName: r.clinicianName }));
}

async function loadResponses(tx: Tx, clinicId: string, episodeIds: string[]): Promise<ResponseRow[]> {
  if (episodeIds.length === 0) return [];
  const rows = await executeBuilt(
    tx
      .select({ response: outcomeResponses, occasion: outcomeRequests.occasion, dueAt: outcomeRequests.dueAt })
      .from(outcomeResponses)
      .innerJoin(
        outcomeRequests,
        and(
          eq(outcomeRequests.clinicId, outcomeResponses.clinicId),
          eq(outcomeRequests.id, outcomeResponses.requestId),
        ),
      )
      // one array parameter, not one per episode (a clinic's discharged episodes run to thousands)
      .where(
        and(
          eq(outcomeResponses.clinicId, clinicId),
          sql`${outcomeResponses.episodeId} = ANY (${`{${episodeIds.join(",")}}`}::uuid[])`,
        ),
      )
      .orderBy(asc(outcomeResponses.completedAt)),
  );
  return rows.map((r) => ({ ...r.response, occasion: r.occasion, dueAt: r.dueAt }));
}

/** The instruments an episode has (scheduled now, or answered before). */
function episodeInstruments(
  episodeId: string,
  schedules: { episodeId: string; instrumentKey: string }[],
  responses: Pick<ResponseRow, "episodeId" | "instrumentKey">[],
): InstrumentKey[] {
  const keys = new Set<string>();
  for (const s of schedules) if (s.episodeId === episodeId) keys.add(s.instrumentKey);
  for (const r of responses) if (r.episodeId === episodeId) keys.add(r.instrumentKey);
  return [...keys].filter((k): k is InstrumentKey => getInstrument(k) !== null);
}

export async function patientOutcomes(
  tx: Tx,
  clinicId: string,
  patientId: string,
  now = new Date(),
): Promise<PatientOutcomesView> {
  const weeks = await reviewWeeks(tx, clinicId);
  const eps = await loadEpisodes(tx, clinicId, eq(episodes.patientId, patientId));
  const ids = eps.map((e) => e.id);
  if (ids.length === 0) return { reviewWeeks: weeks, episodes: [] };
  const [schedules, requests, responses] = [
    await tx
      .select()
      .from(outcomeSchedules)
      .where(and(eq(outcomeSchedules.clinicId, clinicId), inArray(outcomeSchedules.episodeId, ids)))
      .orderBy(asc(outcomeSchedules.createdAt)),
    await tx
      .select()
      .from(outcomeRequests)
      .where(and(eq(outcomeRequests.clinicId, clinicId), eq(outcomeRequests.patientId, patientId)))
      .orderBy(asc(outcomeRequests.dueAt)),
    await loadResponses(tx, clinicId, ids),
  ];
  const emailRows =
    requests.length === 0
      ? []
      : await tx
          .select({
            details: messages.details,
            state: messages.state,
            skipReason: messages.skipReason,
            sentAt: messages.sentAt,
            toEmail: messages.toEmail,
          })
          .from(messages)
          .where(
            and(eq(messages.clinicId, clinicId), eq(messages.patientId, patientId), eq(messages.kind, "questionnaire")),
          );
  // One email may ask for several questionnaires (those due together): each request's email.
  const emails = new Map(emailRows.flatMap((m) => messageRequestIds(m.details).map((id) => [id, m] as const)));
  const responseByRequest = new Map(responses.map((r) => [r.requestId, r]));

  const view: EpisodeView[] = eps.map((e) => ({
    id: e.id,
    title: e.title,
    status: e.status,
    startedAt: e.startedAt,
    dischargedAt: e.dischargedAt,
    clinicianId: e.clinicianId,
    clinicianName: e.clinicianName,
    schedules: schedules
      .filter((s) => s.episodeId === e.id && getInstrument(s.instrumentKey))
      .map((s) => ({
        id: s.id,
        instrumentKey: s.instrumentKey as InstrumentKey,
        instrumentName: getInstrument(s.instrumentKey)!.name,
        atIntake: s.atIntake,
        everyWeeks: s.everyWeeks,
        everyVisits: s.everyVisits,
        atDischarge: s.atDischarge,
        active: s.active,
        label: scheduleLabel(s),
      })),
    requests: requests
      .filter((r) => r.episodeId === e.id && getInstrument(r.instrumentKey))
      .map((r): RequestView => {
        const email = emails.get(r.id);
        const response = responseByRequest.get(r.id);
        return {
          id: r.id,
          episodeId: r.episodeId,
          instrumentKey: r.instrumentKey as InstrumentKey,
          instrumentName: getInstrument(r.instrumentKey)!.name,
          occasion: r.occasion,
          occasionLabel: occasionLabel(r.occasion),
          dueAt: r.dueAt,
          closesAt: r.closesAt,
          state: requestState(r, now),
          draftSavedAt: r.draftSavedAt,
          email: email
            ? { state: email.state, skipReason: email.skipReason, sentAt: email.sentAt, toEmail: email.toEmail }
            : null,
          response: response ? summarizeResponse(getInstrument(r.instrumentKey), response) : null,
        };
      }),
    series: episodeInstruments(e.id, schedules, responses)
      .map((k) => buildSeries(e, k, responses, now, weeks, missedFollowUps(requests)))
      .filter((s): s is SeriesView => s !== null),
  }));
  // Active episodes first, newest first within each.
  view.sort((a, b) =>
    a.status === b.status ? b.startedAt.getTime() - a.startedAt.getTime() : a.status === "active" ? -1 : 1,
  );
  return { reviewWeeks: weeks, episodes: view };
}

/** Follow-ups (not the intake) still unanswered when their window closed. */
function missedFollowUps(requests: (typeof outcomeRequests.$inferSelect)[]): MissedRow[] {
  return requests.filter((r) => r.status === "pending" && r.occasion !== "intake");
}

/**
 * Active episodes with an instrument (still on the episode) flagged worse, not improving after the
 * clinic's review weeks, or with no follow-up answer although one has closed unanswered.
 */
export async function needsAttention(
  tx: Tx,
  clinicId: string,
  opts: { clinicianId: string | null },
  now = new Date(),
): Promise<AttentionItem[]> {
  const weeks = await reviewWeeks(tx, clinicId);
  const eps = await loadEpisodes(
    tx,
    clinicId,
    and(eq(episodes.status, "active"), opts.clinicianId ? eq(episodes.clinicianId, opts.clinicianId) : undefined),
  );
  if (eps.length === 0) return [];
  const ids = eps.map((e) => e.id);
  const [schedules, responses, missed, names] = [
    await tx
      .select({ episodeId: outcomeSchedules.episodeId, instrumentKey: outcomeSchedules.instrumentKey })
      .from(outcomeSchedules)
      .where(
        and(
          eq(outcomeSchedules.clinicId, clinicId),
          inArray(outcomeSchedules.episodeId, ids),
          eq(outcomeSchedules.active, true),
        ),
      ),
    await loadResponses(tx, clinicId, ids),
    await tx
      .select({
        episodeId: outcomeRequests.episodeId,
        instrumentKey: outcomeRequests.instrumentKey,
        occasion: outcomeRequests.occasion,
        closesAt: outcomeRequests.closesAt,
      })
      .from(outcomeRequests)
      .where(
        and(
          eq(outcomeRequests.clinicId, clinicId),
          inArray(outcomeRequests.episodeId, ids),
          eq(outcomeRequests.status, "pending"),
          ne(outcomeRequests.occasion, "intake"),
          lte(outcomeRequests.closesAt, now),
        ),
      ),
    await tx
      .select({ id: patients.id, firstName: patients.firstName, lastName: patients.lastName })
      .from(patients)
      .where(and(eq(patients.clinicId, clinicId), inArray(patients.id, [...new Set(eps.map((e) => e.patientId))]))),
  ];
  const nameOf = new Map(names.map((p) => [p.id, `${p.firstName} ${p.lastName}`]));
  const items: AttentionItem[] = [];
  const responsesOf = groupBy(responses, (r) => r.episodeId);
  for (const e of eps) {
    // Only instruments still on the episode: one taken off is no longer followed.
    for (const key of episodeInstruments(e.id, schedules, [])) {
      const series = buildSeries(e, key, responsesOf.get(e.id) ?? [], now, weeks, missed);
      const flag = series?.progress.flag;
      if (!series || !flag) continue;
      const instrument = getInstrument(key)!;
      const { progress } = series;
      const scored = series.points.filter((p) => p.score !== null);
      const span =
        progress.baseline !== null && progress.latest !== null && instrument.kind === "status"
          ? `${instrument.shortName} ${formatScore(instrument, progress.baseline)} → ${formatScore(instrument, progress.latest)}`
          : `${instrument.shortName} ${progress.latest !== null ? formatScore(instrument, progress.latest) : "not scored"}`;
      const size = formatChangeSize(instrument, progress.change ?? 0);
      const detail =
        flag === "worse"
          ? `${span} (${size} ${size === "1" ? "point" : "points"} worse; MCID ${instrument.mcid.value})`
          : flag === "not_improving"
            ? `${span}, short of the MCID of ${instrument.mcid.value} after ${progress.weeksSinceStart} weeks`
            : `${progress.baseline === null ? `No ${instrument.shortName} answer yet` : `${instrument.shortName} ${formatScore(instrument, progress.baseline)} at baseline`}; ${lastMissed(missed, e.id, key)} closed unanswered`;
      items.push({
        patientId: e.patientId,
        patientName: nameOf.get(e.patientId) ?? "Patient",
        episodeId: e.id,
        episodeTitle: e.title,
        clinicianId: e.clinicianId,
        clinicianName: e.clinicianName,
        instrumentKey: key,
        instrumentName: instrument.name,
        flag,
        detail,
        weeksSinceStart: progress.weeksSinceStart,
        lastAt: scored.at(-1)?.at ?? null,
      });
    }
  }
  // Getting worse first, then not improving, then no follow-up; the longest first within each.
  const rank = { worse: 0, not_improving: 1, no_follow_up: 2 } as const;
  return items.sort((a, b) => rank[a.flag] - rank[b.flag] || b.weeksSinceStart - a.weeksSinceStart);
}

/** "the Week 4 questionnaire": the latest follow-up of this instrument that closed unanswered. */
function lastMissed(missed: MissedRow[], episodeId: string, key: string): string {
  const last = missed
    .filter((m) => m.episodeId === episodeId && m.instrumentKey === key)
    .sort((a, b) => b.closesAt.getTime() - a.closesAt.getTime())[0];
  return last ? `the ${occasionLabel(last.occasion)} questionnaire` : "a follow-up";
}

const share = (evaluated: number, reached: number): OutcomeShare => ({
  evaluated,
  reached,
  share: evaluated === 0 ? null : reached / evaluated,
});

/**
 * Of the discharged episodes, per instrument and per clinician: how many could be judged (a
 * status instrument with a baseline and a later score, or a change rating) and how many reached
 * the MCID. An episode counts once per instrument; for "by clinician" an episode counts as
 * reached when it reached the MCID on at least one of its judged instruments.
 */
export async function clinicOutcomeSummary(tx: Tx, clinicId: string, now = new Date()): Promise<ClinicOutcomeSummary> {
  const [eps, responses] = await summaryReads(tx, clinicId, sql`TRUE`);
  return summarizeOutcomes(eps, responses, now);
}

/**
 * clinicOutcomeSummary of chosen discharged episodes, one summary per group of episode ids (the
 * owner dashboard's period and the one before, whose episodes its statement has already listed):
 * two reads for all groups, of those episodes only, not of the clinic's whole history.
 */
export async function outcomeSummariesOf(
  tx: Tx,
  clinicId: string,
  groups: string[][],
  now = new Date(),
): Promise<ClinicOutcomeSummary[]> {
  const ids = [...new Set(groups.flat())];
  const [eps, responses] = ids.length === 0 ? [[], []] : await summaryReads(tx, clinicId, episodeIn(ids));
  // each episode judged once, whatever groups it is in (the dashboard's period and its week): a judgment
  // depends only on the episode and its own responses, and keeps the episodes' order
  const judgments = judgeOutcomes(eps, responses, now);
  return groups.map((group) => {
    const wanted = new Set(group);
    return summarizeJudgments(
      eps.filter((e) => wanted.has(e.id)).length,
      judgments.filter((j) => wanted.has(j.episodeId)),
    );
  });
}

/** The judged questionnaires of these discharged episodes (the rows behind outcomeSummariesOf's numbers). */
export async function outcomeJudgmentsOf(
  tx: Tx,
  clinicId: string,
  episodeIds: string[],
  now = new Date(),
): Promise<OutcomeJudgment[]> {
  if (episodeIds.length === 0) return [];
  const [eps, responses] = await summaryReads(tx, clinicId, episodeIn(episodeIds));
  return judgeOutcomes(eps, responses, now);
}

/** Episodes (alias e) among these ids: one array parameter, not one per episode. */
const episodeIn = (ids: string[]) => sql`e.id = ANY (${`{${ids.join(",")}}`}::uuid[])`;

/**
 * The clinic's discharged episodes that `which` (a condition on episodes e) picks, and their
 * responses, as a series and the summary read them, in one round trip (executeBatch: rows as pg
 * parses them, so each column is named and cast to what the types say: timestamps are Dates, the
 * numeric score a number). The one read of every outcome summary, all-time and per period.
 */
async function summaryReads(tx: Tx, clinicId: string, which: SQL) {
  const chosen = sql`e.clinic_id = ${clinicId} AND e.status = 'discharged' AND ${which}`;
  const [eps, responses] = await executeBatch(tx, [
    sql`
    SELECT e.id, e.clinician_id AS "clinicianId", u.name AS "clinicianName",
           e.started_at AS "startedAt", e.discharged_at AS "dischargedAt"
      FROM episodes e LEFT JOIN users u ON u.id = e.clinician_id
     WHERE ${chosen}
     ORDER BY e.started_at`,
    sql`
    SELECT r.id, r.request_id AS "requestId", r.episode_id AS "episodeId", r.instrument_key AS "instrumentKey",
           r.score::float8 AS score, r.unscored_reason AS "unscoredReason", r.answered_items AS "answeredItems",
           r.total_items AS "totalItems", r.prorated, r.source, r.completed_at AS "completedAt",
           q.occasion, q.due_at AS "dueAt"
      FROM outcome_responses r
      JOIN outcome_requests q ON q.clinic_id = r.clinic_id AND q.id = r.request_id
     WHERE r.clinic_id = ${clinicId} AND r.episode_id IN (SELECT e.id FROM episodes e WHERE ${chosen})
     ORDER BY r.completed_at`,
  ]);
  return [eps!.rows as SeriesEpisode[], responses!.rows as SeriesResponse[]] as const;
}

/**
 * One discharged episode's verdict on one questionnaire, as the clinic summary counts it: judged
 * when it can be (a status questionnaire with a baseline and a later score, or a change rating).
 */
export type OutcomeJudgment = {
  episodeId: string;
  clinicianId: string | null;
  clinicianName: string | null;
  instrumentKey: InstrumentKey;
  instrumentName: string;
  /** First and latest scores as staff read them (formatScore); no baseline for a change rating. */
  baseline: string | null;
  latest: string | null;
  /** latest − baseline, signed so that positive is better (null for a change rating). */
  change: number | null;
  reachedMcid: boolean;
};

/** The judged questionnaires of these discharged episodes, episode by episode (the summary's rows). */
export function judgeOutcomes(eps: SeriesEpisode[], responses: SeriesResponse[], now: Date): OutcomeJudgment[] {
  const judgments: OutcomeJudgment[] = [];
  // each episode's own responses (filtering all of them once per episode was quadratic in the clinic's history)
  const responsesOf = groupBy(responses, (r) => r.episodeId);
  for (const e of eps) {
    const own = responsesOf.get(e.id) ?? [];
    for (const key of episodeInstruments(e.id, [], own)) {
      const series = buildSeries(e, key, own, now, 0);
      if (!series) continue;
      const scored = series.points.filter((p) => p.score !== null).length;
      const evaluable = series.kind === "change" ? scored >= 1 : scored >= 2;
      if (!evaluable) continue;
      const instrument = getInstrument(key)!;
      const { progress } = series;
      judgments.push({
        episodeId: e.id,
        clinicianId: e.clinicianId,
        clinicianName: e.clinicianName,
        instrumentKey: key,
        instrumentName: instrument.name,
        baseline: progress.baseline === null ? null : formatScore(instrument, progress.baseline),
        latest: progress.latest === null ? null : formatScore(instrument, progress.latest),
        change: series.kind === "change" ? null : progress.change,
        reachedMcid: progress.reachedMcid,
      });
    }
  }
  return judgments;
}

/** The summary of these discharged episodes and their responses (pure; no episodes → all empty). */
export function summarizeOutcomes(eps: SeriesEpisode[], responses: SeriesResponse[], now: Date): ClinicOutcomeSummary {
  return summarizeJudgments(eps.length, judgeOutcomes(eps, responses, now));
}

/**
 * The summary of `discharged` episodes from their questionnaires' judgments (judgeOutcomes, in the
 * episodes' order): shares that reached the MCID per questionnaire, per clinician (an episode that
 * reached it on any questionnaire) and per clinician and questionnaire.
 */
function summarizeJudgments(discharged: number, judgments: OutcomeJudgment[]): ClinicOutcomeSummary {
  const byInstrument = new Map<InstrumentKey, { evaluated: number; reached: number }>();
  const byClinician = new Map<string, { name: string; id: string | null; evaluated: number; reached: number }>();
  const byPair = new Map<
    string,
    { name: string; id: string | null; key: InstrumentKey; evaluated: number; reached: number }
  >();
  for (const [, judged] of groupBy(judgments, (j) => j.episodeId)) {
    const e = judged[0]!;
    for (const j of judged) {
      const acc = byInstrument.get(j.instrumentKey) ?? { evaluated: 0, reached: 0 };
      acc.evaluated += 1;
      if (j.reachedMcid) acc.reached += 1;
      byInstrument.set(j.instrumentKey, acc);
      const pairKey = `${e.clinicianId ?? "none"}|${j.instrumentKey}`;
      const pair = byPair.get(pairKey) ?? {
        id: e.clinicianId,
        name: e.clinicianName ?? "No clinician named",
        key: j.instrumentKey,
        evaluated: 0,
        reached: 0,
      };
      pair.evaluated += 1;
      if (j.reachedMcid) pair.reached += 1;
      byPair.set(pairKey, pair);
    }
    const ck = e.clinicianId ?? "none";
    const acc = byClinician.get(ck) ?? {
      id: e.clinicianId,
      name: e.clinicianName ?? "No clinician named",
      evaluated: 0,
      reached: 0,
    };
    acc.evaluated += 1;
    if (judged.some((j) => j.reachedMcid)) acc.reached += 1;
    byClinician.set(ck, acc);
  }
  return {
    discharged,
    byInstrument: [...byInstrument.entries()].map(([key, v]) => ({
      instrumentKey: key,
      instrumentName: getInstrument(key)!.name,
      ...share(v.evaluated, v.reached),
    })),
    byClinician: [...byClinician.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((v) => ({ clinicianId: v.id, clinicianName: v.name, ...share(v.evaluated, v.reached) })),
    byClinicianInstrument: [...byPair.values()]
      .sort((a, b) => a.name.localeCompare(b.name) || INSTRUMENT_KEYS.indexOf(a.key) - INSTRUMENT_KEYS.indexOf(b.key))
      .map((v) => ({
        clinicianId: v.id,
        clinicianName: v.name,
        instrumentKey: v.key,
        instrumentName: getInstrument(v.key)!.name,
        ...share(v.evaluated, v.reached),
      })),
  };
}

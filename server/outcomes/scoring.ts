// The one engine for every outcome instrument: check answers, score them by the instrument's
// published rule, judge progress against the MCID, and format a score. Pure; no database.
import type { Answers, Instrument, InstrumentItem, ItemError, ScoreResult } from "./types";

/** Longest activity name a patient can give (PSFS). */
export const MAX_NAME_LENGTH = 120;

const WEEK_MS = 7 * 86_400_000;

/**
 * Decimals a score is kept with (stored, compared, subtracted): enough that 12/45 ODI sections
 * stay 26.6667 rather than 27, so a change and its MCID verdict are computed from what was
 * measured. An instrument's `decimals` is for display only (formatScore).
 */
export const SCORE_DECIMALS = 4;

/** Round half away from zero to `decimals` places, without binary noise (2.0000000000000004 → 2). */
export function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  const scaled = Number((Math.abs(x) * f).toPrecision(12));
  const r = (Math.sign(x) * Math.round(scaled)) / f;
  return r === 0 ? 0 : r; // no -0
}

const itemNoun = (instrument: Instrument, n: number) =>
  n === 1 ? (instrument.itemNoun?.one ?? "question") : (instrument.itemNoun?.other ?? "questions");

const isAnswered = (answers: Answers, id: string) => {
  const v = (answers.values as Record<string, unknown>)[id];
  return v !== undefined && v !== null;
};

const nameOf = (answers: Answers, id: string): string | undefined => {
  const n = answers.names?.[id];
  return typeof n === "string" ? n.trim() : undefined;
};

/** What the patient sees the item as: their own activity name (PSFS), else its heading or prompt. */
function itemLabel(item: InstrumentItem, answers: Answers): string {
  if (item.patientNamed) {
    const name = nameOf(answers, item.id);
    if (name) return name.length > 40 ? `${name.slice(0, 40)}…` : name;
  }
  return item.title ?? item.prompt;
}

function answerMessage(instrument: Instrument, item: InstrumentItem, answers: Answers): string {
  const label = itemLabel(item, answers);
  if (item.kind === "choice") return `Choose one ${instrument.optionNoun ?? "answer"} for "${label}".`;
  return `Rate "${label}" with a whole number from ${item.min} to ${item.max}.`;
}

function valueIsValid(item: InstrumentItem, v: unknown): boolean {
  if (typeof v !== "number" || !Number.isInteger(v)) return false;
  if (item.kind === "choice") return (item.options ?? []).some((o) => o.value === v);
  return item.min !== undefined && item.max !== undefined && v >= item.min && v <= item.max;
}

/**
 * Problems with the answers, at most one per item, in the instrument's item order (unknown ids
 * last). `complete: false` (a draft) checks only what is present; `complete: true` (submitting)
 * also requires every required item, and a rating for every named activity.
 */
export function validateAnswers(instrument: Instrument, answers: Answers, opts: { complete: boolean }): ItemError[] {
  const errors: ItemError[] = [];
  const byId = new Map(instrument.items.map((item) => [item.id, item]));
  const values = answers.values as Record<string, unknown>;

  for (const item of instrument.items) {
    const answered = isAnswered(answers, item.id);
    const rawName = answers.names?.[item.id];
    const name = nameOf(answers, item.id);
    const push = (message: string) => errors.push({ itemId: item.id, message });

    if (!item.patientNamed && rawName !== undefined) {
      push(`"${itemLabel(item, answers)}" does not take a name.`);
      continue;
    }
    if (answered && !valueIsValid(item, values[item.id])) {
      push(answerMessage(instrument, item, answers));
      continue;
    }
    if (item.patientNamed) {
      if (name !== undefined && name.length > MAX_NAME_LENGTH) {
        push(`Keep the activity's name to ${MAX_NAME_LENGTH} characters or fewer.`);
        continue;
      }
      if (answered && !name) {
        push("Name the activity before rating it.");
        continue;
      }
      if (!answered && name && opts.complete) {
        push(`Rate "${itemLabel(item, answers)}" with a whole number from ${item.min} to ${item.max}, or remove it.`);
        continue;
      }
      if (!answered && !name && opts.complete && item.required) {
        push(`Name an activity and rate it with a whole number from ${item.min} to ${item.max}.`);
        continue;
      }
      continue;
    }
    if (!answered && opts.complete && item.required) push(answerMessage(instrument, item, answers));
  }

  for (const id of Object.keys(values)) {
    if (!byId.has(id)) errors.push({ itemId: id, message: `This questionnaire has no question "${id}".` });
  }
  for (const id of Object.keys(answers.names ?? {})) {
    if (!byId.has(id) && !(id in values))
      errors.push({ itemId: id, message: `This questionnaire has no question "${id}".` });
  }
  return errors;
}

function tooManyMissing(instrument: Instrument, missing: number, maxMissing: number): string {
  const total = instrument.items.length;
  const allowed =
    maxMissing === 0
      ? `the ${instrument.name} can be scored only with every ${itemNoun(instrument, 1)} answered.`
      : `the ${instrument.name} can be scored with at most ${maxMissing} missing ${itemNoun(instrument, maxMissing)}.`;
  return `${missing} of ${total} ${itemNoun(instrument, total)} ${missing === 1 ? "is" : "are"} unanswered; ${allowed}`;
}

/**
 * The instrument's score, by its published scoring and missing-item rule. Invalid answers (out of
 * range, unknown items, unnamed activities) give no score rather than a wrong one.
 */
export function scoreAnswers(instrument: Instrument, answers: Answers): ScoreResult {
  const answeredItems = instrument.items.filter((item) => isAnswered(answers, item.id));
  const missing = instrument.items.filter((item) => !isAnswered(answers, item.id)).map((item) => item.id);
  const answered = answeredItems.length;

  const errors = validateAnswers(instrument, answers, { complete: false });
  if (errors.length > 0) {
    const first = errors[0]!.message;
    const reason =
      errors.length === 1
        ? `An answer is not valid, so no score can be given: ${first}`
        : `${errors.length} answers are not valid, so no score can be given. The first: ${first}`;
    return { ok: false, reason, answered, missing };
  }

  const values = answeredItems.map((item) => answers.values[item.id]!);
  const sum = values.reduce((a, b) => a + b, 0);
  const fail = (reason: string): ScoreResult => ({ ok: false, reason, answered, missing });
  const done = (raw: number, adjusted: boolean): ScoreResult => ({
    ok: true,
    score: roundTo(raw, SCORE_DECIMALS),
    answered,
    total: instrument.items.length,
    missing,
    adjusted,
  });

  const rule = instrument.scoring;
  switch (rule.method) {
    case "single": {
      if (answered === 0) return fail(`The ${instrument.name} has not been answered.`);
      return done(values[0]!, false);
    }
    case "percentOfAnsweredMax": {
      if (missing.length > rule.maxMissing) return fail(tooManyMissing(instrument, missing.length, rule.maxMissing));
      if (answered === 0) return fail(`The ${instrument.name} has not been answered.`);
      return done((sum / (rule.itemMax * answered)) * 100, missing.length > 0);
    }
    case "mean": {
      if (answered < rule.minAnswered) {
        const one = itemNoun(instrument, 1);
        const have =
          answered === 0
            ? `No ${one} is rated`
            : `Only ${answered} ${itemNoun(instrument, answered)} ${answered === 1 ? "is" : "are"} rated`;
        return fail(
          `${have}; the ${instrument.name} needs at least ${rule.minAnswered} rated ${itemNoun(instrument, rule.minAnswered)}.`,
        );
      }
      return done(sum / answered, false);
    }
    case "sum": {
      const allowed = rule.prorate ? rule.maxMissing : 0;
      if (missing.length > allowed) return fail(tooManyMissing(instrument, missing.length, allowed));
      if (answered === 0) return fail(`The ${instrument.name} has not been answered.`);
      if (missing.length === 0) return done(sum, false);
      return done((sum * instrument.items.length) / answered, true);
    }
  }
}

export type ProgressPoint = { at: Date; score: number | null };

export type Progress = {
  /** First scored point (status instruments); null for change instruments (GROC) or with no score. */
  baseline: number | null;
  /** Last scored point (the latest rating for change instruments). */
  latest: number | null;
  /** Signed so that POSITIVE = BETTER, in score units; null until there are two scored points (status). */
  change: number | null;
  /** latest − baseline; null without a baseline (change instruments, or fewer than two scored points). */
  rawChange: number | null;
  /** change ≥ MCID (exactly the MCID counts). */
  reachedMcid: boolean;
  /** change ≤ −MCID: worse by at least the MCID. */
  worse: boolean;
  /**
   * "worse" first; "not_improving" once weeksSinceStart ≥ flagAfterWeeks without reaching the MCID
   * (status only). "no_follow_up" is never set here: it needs the episode's requests (server/outcomes/read.ts).
   */
  flag: null | "worse" | "not_improving" | "no_follow_up";
  /** Whole weeks since the start of care (rounded down, never negative). */
  weeksSinceStart: number;
};

/**
 * Progress of one instrument over an episode. Unscorable points (score null) are ignored; points
 * are ordered by time here. A status instrument needs two scored points before it has a change
 * (and so before it can be flagged): one measurement says nothing about progress.
 */
export function assessProgress(
  instrument: Instrument,
  points: ProgressPoint[],
  opts: { now: Date; startedAt: Date; flagAfterWeeks: number },
): Progress {
  const weeksSinceStart = Math.max(0, Math.floor((opts.now.getTime() - opts.startedAt.getTime()) / WEEK_MS));
  const scored = points
    .filter((p): p is { at: Date; score: number } => typeof p.score === "number" && Number.isFinite(p.score))
    .slice()
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const mcid = instrument.mcid.value;
  // Unrounded (to SCORE_DECIMALS, which only removes binary noise): 35.5556 → 26 is 9.5556
  // points, short of an MCID of 10 although both scores and the change round to whole numbers.
  const signed = (x: number) => roundTo(instrument.better === "lower" ? -x : x, SCORE_DECIMALS);

  if (instrument.kind === "change") {
    const latest = scored.length > 0 ? scored[scored.length - 1]!.score : null;
    const change = latest === null ? null : signed(latest);
    const reachedMcid = change !== null && change >= mcid;
    const worse = change !== null && change <= -mcid;
    return {
      baseline: null,
      latest,
      change,
      rawChange: null,
      reachedMcid,
      worse,
      flag: worse ? "worse" : null,
      weeksSinceStart,
    };
  }

  const baseline = scored.length > 0 ? scored[0]!.score : null;
  const latest = scored.length > 0 ? scored[scored.length - 1]!.score : null;
  if (scored.length < 2 || baseline === null || latest === null) {
    return {
      baseline,
      latest,
      change: null,
      rawChange: null,
      reachedMcid: false,
      worse: false,
      flag: null,
      weeksSinceStart,
    };
  }
  const rawChange = roundTo(latest - baseline, SCORE_DECIMALS);
  const change = signed(rawChange);
  const reachedMcid = change >= mcid;
  const worse = change <= -mcid;
  const flag = worse ? "worse" : !reachedMcid && weeksSinceStart >= opts.flagAfterWeeks ? "not_improving" : null;
  return { baseline, latest, change, rawChange, reachedMcid, worse, flag, weeksSinceStart };
}

/**
 * A score as staff read it, rounded only here: "42%" or "26.7%" (ODI, to one decimal as its manual
 * reports a score with a missed section, "%.0" dropped), "6.3" (PSFS), "54/80" (LEFS), "7/10"
 * (NPRS), "+3" (GROC).
 */
export function formatScore(instrument: Instrument, score: number): string {
  const text = trimmed(score, instrument);
  if (instrument.unit === "%") return `${text}%`;
  if (instrument.kind === "change") return score > 0 && Number(text) !== 0 ? `+${text}` : text;
  if (instrument.scoring.method === "mean") return text;
  return `${text}/${instrument.range.max}`;
}

function trimmed(score: number, instrument: Instrument): string {
  const text = roundTo(score, instrument.decimals).toFixed(instrument.decimals);
  return instrument.unit === "%" && text.endsWith(".0") ? text.slice(0, -2) : text;
}

/**
 * What a reader must know beside a score that was adjusted for unanswered items, e.g. LEFS
 * "1 activity not answered, prorated"; null for a score from every item.
 */
export function scoreNote(
  instrument: Instrument,
  r: { answeredItems: number; totalItems: number; prorated: boolean },
): string | null {
  if (!r.prorated) return null;
  const missing = Math.max(0, r.totalItems - r.answeredItems);
  return `${missing} ${itemNoun(instrument, missing)} not answered, prorated`;
}

/**
 * The size of a change for a sentence: to the instrument's decimals, but at least one ("9.6
 * points", not "10 points", when the ODI changed by 9.56), and never rounded up onto the MCID
 * it did not reach (8.96 of 9 reads "8.96").
 */
export function formatChangeSize(instrument: Instrument, change: number): string {
  const size = Math.abs(change);
  const mcid = instrument.mcid.value;
  for (const d of [Math.max(1, instrument.decimals), SCORE_DECIMALS]) {
    const r = roundTo(size, d);
    if (size < mcid && r >= mcid) continue;
    return String(r);
  }
  return String(roundTo(size, SCORE_DECIMALS));
}

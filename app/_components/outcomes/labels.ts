// How staff screens name outcome states: a series' progress badge, a request's state, dates in the
// clinic's zone and score units. Shared by the patient page, the home card and the outcomes page.
import type { Progress, RequestState, SeriesView } from "@/server/outcomes/views";

export const REQUEST_STATE_LABELS: Record<RequestState, string> = {
  scheduled: "Scheduled",
  open: "Open",
  submitted: "Answered",
  closed: "Closed unanswered",
  cancelled: "Cancelled",
};

export const FLAG_LABELS = {
  worse: "Getting worse",
  not_improving: "Not improving",
  no_follow_up: "No follow-up",
} as const;

export type BadgeTone = "ok" | "warn" | "danger" | "neutral";

/** The one badge a series gets on the patient page, most important first. */
export function progressBadge(series: Pick<SeriesView, "kind" | "points" | "progress">): {
  label: string;
  tone: BadgeTone;
} {
  const p: Progress = series.progress;
  const scored = series.points.filter((x) => x.score !== null).length;
  if (p.flag === "no_follow_up")
    return {
      label: `No follow-up after ${p.weeksSinceStart} ${p.weeksSinceStart === 1 ? "week" : "weeks"}`,
      tone: "warn",
    };
  if (scored === 0) return { label: series.points.length ? "Not scored yet" : "No answers yet", tone: "neutral" };
  if (p.reachedMcid) return { label: "Meaningful improvement", tone: "ok" };
  if (p.flag === "worse") return { label: "Getting worse", tone: "danger" };
  if (p.flag === "not_improving")
    return {
      label: `Not improving after ${p.weeksSinceStart} ${p.weeksSinceStart === 1 ? "week" : "weeks"}`,
      tone: "warn",
    };
  if (series.kind === "change") return { label: "Below a meaningful change", tone: "neutral" };
  if (scored === 1) return { label: "Baseline only", tone: "neutral" };
  if (p.worse) return { label: "Worse than baseline", tone: "warn" };
  if ((p.change ?? 0) > 0) return { label: "Improving, not yet meaningful", tone: "neutral" };
  return { label: "No change yet", tone: "neutral" };
}

/** "ODI % (lower is better)", "LEFS 0–80 (higher is better)". */
export function axisLabel(s: Pick<SeriesView, "shortName" | "unit" | "better" | "range" | "kind" | "mcid">): string {
  if (s.kind === "change")
    return `${s.shortName} ${sign(s.range.min)} to ${sign(s.range.max)} (${sign(s.mcid.value)} or more is a meaningful improvement)`;
  const scale = s.unit === "%" ? "%" : `${s.range.min}–${s.range.max}`;
  return `${s.shortName} ${scale} (${s.better} is better)`;
}

/** "+3", "−2", "0": a change rating with its sign. */
export function sign(n: number): string {
  return n > 0 ? `+${num(n)}` : n < 0 ? `−${num(-n)}` : "0";
}

/** A number with at most one decimal, without a trailing ".0". */
export function num(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/**
 * "18 percentage points better", "1.5 points worse", "no change". With the MCID, a change short of
 * it is never written rounded up onto it (8.96 of 9 reads "8.96").
 */
export function changeWords(change: number | null, unit: SeriesView["unit"], mcid?: number): string {
  if (change === null) return "—";
  if (change === 0) return "no change";
  const size = Math.abs(change);
  const text = mcid !== undefined && size < mcid && Number(num(size)) >= mcid ? String(size) : num(size);
  const units =
    unit === "%" ? (text === "1" ? "percentage point" : "percentage points") : text === "1" ? "point" : "points";
  return `${text} ${units} ${change > 0 ? "better" : "worse"}`;
}

export function formatDate(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, dateStyle: "medium" }).format(d);
}

export function formatDateTime(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, dateStyle: "medium", timeStyle: "short" }).format(d);
}

export function formatShortDate(d: Date | number, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, month: "short", day: "numeric" }).format(d);
}

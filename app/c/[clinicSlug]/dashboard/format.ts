// Number words for the dashboard: shares, changes against the previous period, CSV links; and the
// weekly points its charts draw.
import { daysBetween, weeksOf, type Period } from "@/server/dashboard/period";
import type { DrillKind } from "@/server/dashboard/schemas";
import { formatWhen, type ClinicLocale } from "@/server/scheduling/format";

export type Filters = {
  preset: "this_week" | "last_4_weeks" | "this_month" | "last_month" | "quarter" | "custom";
  from?: string;
  to?: string;
  clinicianId?: string | null;
  typeId?: string | null;
};

export const rate = (part: number, whole: number): number | null => (whole > 0 ? (100 * part) / whole : null);
export const pct = (v: number | null, digits = 1) => (v === null ? "—" : `${v.toFixed(digits)}%`);

const counters = new Map<string, Intl.NumberFormat>();
/** A count as the clinic's locale writes it: 13,000 (en-US), 1,30,000 (en-IN), 13 000 (en-ZA). */
export function count(n: number, locale: ClinicLocale): string {
  let f = counters.get(locale);
  if (!f) counters.set(locale, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })));
  return f.format(n);
}

/** How many of the period's days come after `today` (clinic-local dates; `to` is exclusive). */
export function daysToCome(period: Pick<Period, "from" | "to">, today: string): number {
  return Math.max(0, Math.min(daysBetween(period.from, period.to), daysBetween(today, period.to) - 1));
}

/**
 * What the period line adds about a period under way (the server's comparedUntil: the clinic-local
 * "YYYY-MM-DD HH:MM" where the stretch of the period before that its counts meet ends), or about one
 * wholly ahead; nothing for a period that is over.
 */
export function comparisonWords(
  d: { period: Pick<Period, "from" | "to">; today: string; comparedUntil: string | null },
  locale: ClinicLocale,
): string {
  const days = daysBetween(d.period.from, d.period.to);
  const toCome = daysToCome(d.period, d.today);
  if (toCome === days) return "All its days are still to come.";
  if (!d.comparedUntil) return "";
  const left =
    toCome > 0 ? `${toCome} of its ${days} days ${toCome === 1 ? "is" : "are"} still to come` : "Today is its last day";
  // the weekly charts (drawn for two weeks or more) draw the week under way faded (charts.tsx), but
  // utilization's, whose weeks count bookings still to come (wholeWeeks)
  const charts =
    weeksOf(d.period).length > 1
      ? " In the weekly charts (utilization's aside), the faded last point is this week so far."
      : "";
  return (
    `${left}: its counts so far are compared with the period before up to the same point ` +
    `(${localStampWords(d.comparedUntil, locale)}); utilization, which counts bookings still to come, with the whole period before.` +
    charts
  );
}

/**
 * What a number is compared with: the period before, or while this one is under way (the server's
 * comparedUntil) the period before up to the same point.
 */
export const beforeWords = (d: { comparedUntil: string | null }) =>
  d.comparedUntil ? "by this point of the period before" : "the period before";

/** "+3 vs 5 before" for counts (in the clinic's locale); "+1.5 pts vs 11.0% before" for shares. */
export function change(
  current: number | null,
  previous: number | null,
  kind: "count" | "percent",
  locale: ClinicLocale = "en-US",
  before = "the period before",
): string {
  if (current === null || previous === null) return "no earlier period to compare";
  const d = current - previous;
  if (kind === "count")
    return `${d > 0 ? "+" : d < 0 ? "−" : ""}${count(Math.abs(d), locale)} vs ${count(previous, locale)} ${before}`;
  const points = Math.round(d * 10) / 10; // as written: a change that rounds to 0.0 has no sign
  return `${points > 0 ? "+" : points < 0 ? "−" : ""}${Math.abs(points).toFixed(1)} pts vs ${previous.toFixed(1)}% ${before}`;
}

/**
 * A clinic-local "YYYY-MM-DD HH:MM" (as the server sends it, already in the clinic's zone) as the app
 * writes a time (formatWhen): "Fri, Dec 4, 11:30 AM" (en-US), "Fri 4 Dec, 09:05" (en-GB). Its digits
 * are read as a UTC instant and written in UTC, so neither the browser's zone nor a clock change moves them.
 */
export function localStampWords(stamp: string, locale: ClinicLocale): string {
  const at = new Date(`${stamp.replace(" ", "T")}:00Z`);
  return Number.isNaN(at.getTime()) ? stamp : formatWhen(at, "UTC", locale);
}

/** A local date ("2026-03-04") as the clinic's locale writes it: "Mar 4" / "4 Mar", with `year` "Mar 4, 2026" / "4 Mar 2026". */
export function dayWords(date: string, locale: ClinicLocale, year = false): string {
  const at = new Date(`${date}T12:00:00Z`);
  return Number.isNaN(at.getTime()) ? date : formatWhen(at, "UTC", locale, { weekday: false, dateOnly: true, year });
}

/**
 * The filters as query parameters, named as dashboardFiltersSchema names them: the page's own
 * address (a reload, a bookmark or a link sent to a partner shows the same numbers) and its CSV links.
 */
export function filtersQuery(filters: Filters, first: Record<string, string> = {}): URLSearchParams {
  const q = new URLSearchParams({ ...first, preset: filters.preset });
  if (filters.preset === "custom" && filters.from && filters.to) {
    q.set("from", filters.from);
    q.set("to", filters.to);
  }
  if (filters.clinicianId) q.set("clinicianId", filters.clinicianId);
  if (filters.typeId) q.set("typeId", filters.typeId);
  return q;
}

export function exportHref(slug: string, kind: DrillKind, filters: Filters): string {
  return `/c/${slug}/dashboard/export?${filtersQuery(filters, { kind })}`;
}

export const DRILL_TITLES: Record<DrillKind, string> = {
  visits: "Visits (arrived appointments)",
  scheduled: "Scheduled appointments and what became of them",
  no_show: "No-shows",
  late_cancel: "Late cancellations",
  cancelled: "Cancellations",
  booked: "Booked time: appointments holding a clinician's time",
  new_patients: "New patients",
  at_risk: "Patients at risk of dropping out",
  episodes: "Discharged episodes of care",
  outcomes: "Outcome questionnaires of the episodes discharged",
  adherence: "Assigned home-exercise programs",
  reminders: "Attended and missed appointments, with or without a reminder",
  revenue_charged: "Charged: visit charges and fees",
  revenue_collected: "Collected: deposits, prepayments and payments",
  revenue_refunded: "Refunded",
  revenue_outstanding: "Outstanding: patients who owe at the end of the period",
};

export const OUTCOME_WORDS = {
  arrived: "Arrived",
  late_cancel: "Late cancel",
  cancelled: "Cancelled",
  no_show: "No-show",
  not_marked: "Not marked",
} as const;

/** A clinician's name on the page (one no longer on the team, or none named, said so). */
export const clinicianName = (d: { clinicians: { id: string; name: string }[] }, id: string | null) =>
  d.clinicians.find((c) => c.id === id)?.name ?? (id ? "Former clinician" : "No clinician named");

/**
 * A week's value; `other`: the second line's, when the chart has one; `soFar`: the week is under way
 * (its value counts only the days up to today).
 */
export type Point = { week: string; value: number | null; other?: number | null; soFar?: true };

/**
 * Whether the week of the Monday `week` is under way: today falls in its stretch of the period,
 * which ends with the week or with the period, whichever comes first (dates as "YYYY-MM-DD").
 */
export const weekUnderWay = (week: string, d: { period: Pick<Period, "to">; today: string }) =>
  week <= d.today && daysBetween(week, d.today) < 7 && d.today < d.period.to;

/**
 * The points of a chart whose weeks count whole, the days still to come included (utilization: booked
 * time counts bookings ahead, against the week's available time): no week is drawn as "so far".
 */
export const wholeWeeks = (points: Point[]): Point[] => points.map(({ soFar, ...point }) => point);

/**
 * One point per week of the period: a week with no rows is `empty` (0 for counts, a gap for
 * shares), a week that has not begun yet is a gap, the week under way is marked `soFar`; `other`
 * gives a second line's value from the same row.
 */
export function byWeek<T extends { week: string }>(
  d: { period: Period; today: string },
  rows: T[],
  value: (row: T) => number | null,
  empty: number | null,
  other?: (row: T) => number | null,
): Point[] {
  const found = new Map(rows.map((r) => [r.week, r]));
  return weeksOf(d.period).map((week) => {
    const row = found.get(week);
    const none = week > d.today ? null : empty;
    const point: Point = { week, value: row ? value(row) : none };
    if (other) point.other = row ? other(row) : none;
    if (weekUnderWay(week, d)) point.soFar = true;
    return point;
  });
}

/**
 * The heat map's shade of a share booked, 0–5 (globals.css .dash-heat-N): five steps of a fifth
 * each above an empty hour. Steps, not a continuous shade: a continuous ramp passes through
 * mid-tones on which neither dark nor white text reaches 4.5:1 contrast; 0–3 take dark text, 4–5 white.
 */
export function heatLevel(share: number): number {
  return share <= 0 ? 0 : Math.min(5, Math.ceil(share * 5));
}

/** The heat map's legend: each shade's shares booked, in percent, from heatLevel 0 to 5. */
export const HEAT_STEPS = [
  { level: 0, label: "0%" },
  ...[1, 2, 3, 4, 5].map((level) => ({ level, label: `${(level - 1) * 20 + 1}–${level * 20}%` })),
];

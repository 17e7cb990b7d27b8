// Pure date and time helpers for the calendar, always in the clinic's IANA zone (never the
// browser's). Calendar dates are "YYYY-MM-DD" strings; times of day are minutes since midnight.
// Wall time → instant is the server's own conversion, so the grid and the booking rules agree
// (a wall time in a spring-forward gap means the moment the clocks jump).
import { formatClock as clinicClock, formatWhen, type ClinicLocale } from "@/server/scheduling/format";
export { wallTimeToUtc } from "@/server/scheduling/zoned-time";

export type DayKey = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
export const DAY_KEYS: DayKey[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const DAY_MS = 86_400_000;

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string) {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

function wallClock(instant: Date, timeZone: string) {
  const p: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(instant))
    if (part.type !== "literal") p[part.type] = Number(part.value);
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour! % 24, minute: p.minute! };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The calendar date and minutes since local midnight of an instant in the zone, read once. */
export function localParts(instant: Date, timeZone: string): { date: string; minutes: number } {
  const w = wallClock(instant, timeZone);
  return { date: `${w.year}-${pad(w.month)}-${pad(w.day)}`, minutes: w.hour * 60 + w.minute };
}

/** The calendar date of an instant in the zone, e.g. "2025-05-12". */
export const localDate = (instant: Date, timeZone: string): string => localParts(instant, timeZone).date;

/** Minutes since local midnight of an instant in the zone (0–1439). */
export const minutesOfDay = (instant: Date, timeZone: string): number => localParts(instant, timeZone).minutes;

export const hhmm = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
export const toMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** "2025-05-12" plus n days (n may be negative). */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export function dayKey(date: string): DayKey {
  return DAY_KEYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7]!;
}

/** The Monday on or before `date`. */
export function weekStart(date: string): string {
  return addDays(date, -DAY_KEYS.indexOf(dayKey(date)));
}

export const isIsoDate = (v: unknown): v is string =>
  typeof v === "string" &&
  /^\d{4}-\d{2}-\d{2}$/.test(v) &&
  new Date(Date.parse(`${v}T00:00:00Z`)).toISOString().slice(0, 10) === v;

// Display. A calendar date is formatted as a UTC date so the browser's zone never shifts it.
const dateFormatters = new Map<string, Intl.DateTimeFormat>();
function cachedFormat(key: string, make: () => Intl.DateTimeFormat) {
  let f = dateFormatters.get(key);
  if (!f) dateFormatters.set(key, (f = make()));
  return f;
}

export function formatDate(date: string, style: "long" | "short" | "weekday" = "long"): string {
  const options: Intl.DateTimeFormatOptions =
    style === "long"
      ? { weekday: "long", day: "numeric", month: "long", year: "numeric" }
      : style === "short"
        ? { weekday: "short", day: "numeric", month: "short" }
        : { weekday: "short", day: "numeric" };
  return cachedFormat(`d:${style}`, () => new Intl.DateTimeFormat("en-US", { ...options, timeZone: "UTC" })).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** "Nov 30 – Dec 6, 2026" (built by hand: formatRange's spacing differs between Node's ICU and browsers'). */
export function formatRange(first: string, last: string): string {
  const monthDay = cachedFormat(
    "md",
    () => new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" }),
  );
  const at = (d: string) => new Date(`${d}T00:00:00Z`);
  const [y1, y2] = [first.slice(0, 4), last.slice(0, 4)];
  return `${monthDay.format(at(first))}${y1 === y2 ? "" : `, ${y1}`} – ${monthDay.format(at(last))}, ${y2}`;
}

/** "9:15 AM" (en-US) or "09:15" (en-GB) for minutes since midnight: server/scheduling/format.ts writes it. */
export function formatClock(minutes: number, locale: ClinicLocale = "en-US"): string {
  return clinicClock(minutes, locale);
}

/** An instant as the clinic reads it, e.g. "Mon, May 12, 9:15 AM" (en-US) or "Mon 12 May, 09:15" (en-GB). */
export function formatInstant(instant: Date, timeZone: string, locale: ClinicLocale = "en-US"): string {
  return formatWhen(instant, timeZone, locale);
}

// How the date strip and the times speak: names for a calendar date ("Tuesday 9 December"), short
// forms for buttons and the move question ("Tue 9 Dec"), and a time in the clinic's zone.
import { formatTime, type ClinicLocale } from "@/server/scheduling/format";

const DATE_UTC = (date: string) => new Date(`${date}T12:00:00Z`);
const fmt = (opts: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", ...opts });
const weekdayLong = fmt({ weekday: "long" });
const weekdayShort = fmt({ weekday: "short" });
const monthLong = fmt({ month: "long" });
const monthShort = fmt({ month: "short" });

/** "Tuesday 9 December" for "2026-12-09" (a calendar date, the same in every zone). */
export const dateLong = (date: string) => {
  const d = DATE_UTC(date);
  return `${weekdayLong.format(d)} ${d.getUTCDate()} ${monthLong.format(d)}`;
};

/** "Tue 9 Dec". */
export const dateShort = (date: string) => {
  const d = DATE_UTC(date);
  return `${weekdayShort.format(d)} ${d.getUTCDate()} ${monthShort.format(d)}`;
};

export const dayParts = (date: string) => {
  const d = DATE_UTC(date);
  return { weekday: weekdayShort.format(d), day: String(d.getUTCDate()), month: monthShort.format(d) };
};

/** "Tuesday 9 December, 6 times free" — the date button's accessible name. */
export const dayButtonName = (date: string, free: number) =>
  `${dateLong(date)}, ${free === 0 ? "no free times" : free === 1 ? "1 time free" : `${free} times free`}`;

/** "10:15 AM" (en-US) or "10:15" (en-GB): a time in the clinic's zone, as its locale writes it. */
export const timeLabel = (instant: Date, timeZone: string, locale: ClinicLocale) =>
  formatTime(instant, timeZone, locale);

// The one place that writes a clinic's dates and times for people. Times are always in the
// clinic's zone (never the server's or the browser's) and follow the clinic's locale: a London
// clinic (en-GB) reads "Tue 4 Mar, 19:00", an American one (en-US) "Tue, Mar 4, 7:00 PM".
// Texts are assembled from Intl parts by hand so the server (Node's ICU) and every browser write
// the same characters (no narrow no-break spaces, no "pm" against "PM"). Pure; safe on the client.

/** The locales a clinic can choose; each fixes the clock (12/24 hour) and the order of day and month. */
export const CLINIC_LOCALES = ["en-US", "en-GB", "en-IE", "en-CA", "en-AU", "en-NZ", "en-IN", "en-ZA"] as const;
export type ClinicLocale = (typeof CLINIC_LOCALES)[number];

type LocaleRule = { label: string; hour12: boolean; monthFirst: boolean };
const RULES: Record<ClinicLocale, LocaleRule> = {
  "en-US": { label: "English (United States)", hour12: true, monthFirst: true },
  "en-GB": { label: "English (United Kingdom)", hour12: false, monthFirst: false },
  "en-IE": { label: "English (Ireland)", hour12: false, monthFirst: false },
  "en-CA": { label: "English (Canada)", hour12: true, monthFirst: true },
  "en-AU": { label: "English (Australia)", hour12: true, monthFirst: false },
  "en-NZ": { label: "English (New Zealand)", hour12: true, monthFirst: false },
  "en-IN": { label: "English (India)", hour12: true, monthFirst: false },
  "en-ZA": { label: "English (South Africa)", hour12: false, monthFirst: false },
};

export const isClinicLocale = (v: unknown): v is ClinicLocale =>
  typeof v === "string" && (CLINIC_LOCALES as readonly string[]).includes(v);

/** Whether the locale writes times on a 12-hour clock ("2:30 PM") rather than 24 hours ("14:30"). */
export const usesHour12 = (locale: ClinicLocale): boolean => RULES[locale].hour12;

const CANADA = new Set([
  "America/Toronto",
  "America/Vancouver",
  "America/Edmonton",
  "America/Winnipeg",
  "America/Halifax",
  "America/St_Johns",
  "America/Regina",
  "America/Moncton",
]);

/**
 * The locale a clinic in this zone most likely writes in (sign-up's default, editable in Settings;
 * migration 0028 backfilled existing clinics with the same rule): Europe/London → en-GB,
 * America/* → en-US, … and 24-hour en-GB wherever no English-speaking convention is known.
 */
export function localeForZone(timeZone: string): ClinicLocale {
  if (timeZone === "Europe/Dublin") return "en-IE";
  if (CANADA.has(timeZone)) return "en-CA";
  if (timeZone.startsWith("America/") || timeZone.startsWith("US/") || timeZone === "Pacific/Honolulu") return "en-US";
  if (timeZone.startsWith("Australia/")) return "en-AU";
  if (timeZone === "Pacific/Auckland" || timeZone === "Pacific/Chatham") return "en-NZ";
  if (timeZone === "Asia/Kolkata" || timeZone === "Asia/Calcutta") return "en-IN";
  if (timeZone === "Africa/Johannesburg") return "en-ZA";
  return "en-GB";
}

/** "English (United Kingdom): Tue 4 Mar, 19:00" — what the settings picker shows. */
export function localeLabel(locale: ClinicLocale): string {
  const sample = new Date("2026-03-03T19:00:00Z");
  return `${RULES[locale].label}: ${formatWhen(sample, "UTC", locale)}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsOf(instant: Date, timeZone: string, zoneName: "short" | "long" | null): Record<string, string> {
  const key = `${timeZone}|${zoneName ?? ""}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      weekday: "short",
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      ...(zoneName ? { timeZoneName: zoneName } : {}),
    });
    formatters.set(key, f);
  }
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(instant)) if (p.type !== "literal") parts[p.type] = p.value;
  return parts;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A time of day, minutes since local midnight, as the locale writes it: "14:30" or "2:30 PM". */
export function formatClock(minutes: number, locale: ClinicLocale = "en-US"): string {
  const h = Math.floor(minutes / 60) % 24;
  const m = pad(((minutes % 60) + 60) % 60);
  if (!usesHour12(locale)) return `${pad(h)}:${m}`;
  return `${h % 12 === 0 ? 12 : h % 12}:${m} ${h < 12 ? "AM" : "PM"}`;
}

/** The time of an instant in the zone: "14:30" (en-GB) or "2:30 PM" (en-US). */
export function formatTime(instant: Date, timeZone: string, locale: ClinicLocale = "en-US"): string {
  const p = partsOf(instant, timeZone, null);
  return formatClock((Number(p.hour) % 24) * 60 + Number(p.minute), locale);
}

export type WhenOptions = {
  /** Add the year: "Tue 4 Mar 2026". */
  year?: boolean;
  /** Leave out the time of day. */
  dateOnly?: boolean;
  /** Leave out the weekday. */
  weekday?: boolean;
  /** Add the zone's abbreviation: "GMT", "PST". */
  zone?: boolean;
};

/**
 * An instant as the clinic reads it, in its zone: en-GB "Tue 4 Mar, 19:00", en-US
 * "Tue, Mar 4, 7:00 PM"; with `year` "Tue 4 Mar 2026, 19:00" / "Tue, Mar 4, 2026, 7:00 PM".
 */
export function formatWhen(
  instant: Date,
  timeZone: string,
  locale: ClinicLocale = "en-US",
  opts: WhenOptions = {},
): string {
  const p = partsOf(instant, timeZone, opts.zone ? "short" : null);
  const weekday = opts.weekday === false ? "" : p.weekday!;
  let date: string;
  if (RULES[locale].monthFirst) {
    date = `${weekday ? `${weekday}, ` : ""}${p.month} ${p.day}${opts.year ? `, ${p.year}` : ""}`;
  } else {
    date = `${weekday ? `${weekday} ` : ""}${p.day} ${p.month}${opts.year ? ` ${p.year}` : ""}`;
  }
  if (opts.dateOnly) return date;
  const time = formatClock((Number(p.hour) % 24) * 60 + Number(p.minute), locale);
  return `${date}, ${time}${opts.zone ? ` ${p.timeZoneName}` : ""}`;
}

/** A calendar date ("2026-03-04") as the locale writes it, e.g. "Wednesday 4 March 2026" / "Wednesday, March 4, 2026". */
export function formatCalendarDate(date: string, locale: ClinicLocale = "en-US"): string {
  const at = new Date(`${date}T12:00:00Z`);
  const f = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("en-US", { ...o, timeZone: "UTC" }).format(at);
  const [weekday, month, day, year] = [
    f({ weekday: "long" }),
    f({ month: "long" }),
    f({ day: "numeric" }),
    at.getUTCFullYear(),
  ];
  return RULES[locale].monthFirst ? `${weekday}, ${month} ${day}, ${year}` : `${weekday} ${day} ${month} ${year}`;
}

/**
 * Patient emails: "Tue 4 Mar, 7:00 AM PST" (en-US) or "Tue 4 Mar, 19:00 GMT" (en-GB); the day
 * before the month for everyone, as the emails have always written it, the clock by the locale,
 * and the abbreviation in force at that instant.
 */
export function emailWhen(instant: Date, timeZone: string, locale: ClinicLocale = "en-US"): string {
  const p = partsOf(instant, timeZone, "short");
  const time = formatClock((Number(p.hour) % 24) * 60 + Number(p.minute), locale);
  return `${p.weekday} ${p.day} ${p.month}, ${time} ${p.timeZoneName}`;
}

/** "Monday, March 9, 2026 at 9:00 AM (Pacific Daylight Time)", or "Monday 9 March 2026 at 09:00 (Greenwich Mean Time)". */
export function formatInZone(instant: Date, timeZone: string, locale: ClinicLocale = "en-US"): string {
  const date = formatCalendarDate(localDateOf(instant, timeZone), locale);
  return `${date} at ${formatTime(instant, timeZone, locale)} (${zoneName(instant, timeZone)})`;
}

function localDateOf(instant: Date, timeZone: string): string {
  const p = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    instant,
  );
  return p.slice(0, 10);
}

export function zoneName(instant: Date, timeZone: string): string {
  const part = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "long" })
    .formatToParts(instant)
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? timeZone;
}

// Shared zod building blocks for every input: text that PostgreSQL can store and staff can read
// safely, whole numbers that fit their column, and dates within sane years. Each schemas.ts builds
// its fields from these, so hostile input is a 400 with a sentence, never a database error (500).
import { z } from "zod";

export const INVISIBLE_OR_CONTROL = "must not contain invisible or control characters";

/* eslint-disable no-control-regex -- finding control characters is the point of these two */
/** C0 controls and DEL, except tab, line feed and carriage return; C1 controls. */
const MULTILINE_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** All C0 controls (tab and newlines too), DEL and C1 controls. */
const SINGLE_LINE_CONTROLS = /[\u0000-\u001F\u007F-\u009F]/;
/* eslint-enable no-control-regex */
/** Bidi embeddings, overrides and isolates ("Trojan Source" reordering), in any text. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
/** Zero-width spaces, joiners and direction marks, word joiner, BOM: refused in names. */
const ZERO_WIDTH = /[\u200B-\u200F\u2060-\u2064\uFEFF]/;
/** A lone UTF-16 surrogate cannot be stored as UTF-8 (it would silently become U+FFFD). */
const LONE_SURROGATE = /\p{Cs}/u;

/** True when the text has nothing that PostgreSQL refuses or that hides or reorders what staff see. */
export function isSafeText(value: string, opts: { multiline?: boolean; name?: boolean } = {}): boolean {
  const controls = opts.multiline ? MULTILINE_CONTROLS : SINGLE_LINE_CONTROLS;
  if (controls.test(value) || BIDI_CONTROLS.test(value) || LONE_SURROGATE.test(value)) return false;
  return !(opts.name && ZERO_WIDTH.test(value));
}

/**
 * Text as people type it: NFC-normalised, trimmed, and refused when it holds control characters
 * (tab and newlines allowed where `multiline`), bidi overrides, lone surrogates, or (for `name`)
 * zero-width characters. Chain .min()/.max() after it for the field's own limits and messages.
 */
export function safeText(opts: { multiline?: boolean; name?: boolean } = {}) {
  return z
    .string()
    .normalize("NFC")
    .trim()
    .refine((v) => isSafeText(v, opts), INVISIBLE_OR_CONTROL);
}

/** A person's or a thing's name: one line, no invisible characters. */
export const nameText = () => safeText({ name: true });
/** Notes, comments, reasons: tab and newlines allowed. */
export const multilineText = () => safeText({ multiline: true });

/** A password: kept exactly as typed (no trimming, no normalising), but no control characters or lone surrogates. */
export const passwordText = () => z.string().refine((v) => isSafeText(v), INVISIBLE_OR_CONTROL);

/** A short machine token (signed link, cursor, slug as typed): printable ASCII only. */
export const asciiToken = (max: number, message = "This link is incomplete.") =>
  z
    .string()
    .min(1, message)
    .max(max, message)
    .regex(/^[\x21-\x7E]+$/, message);

/** The signed token of a patient's emailed link (plan, questionnaire, appointment). */
export const linkToken = () => asciiToken(2000);

export const INT4_MAX = 2_147_483_647;

/** A whole number that fits PostgreSQL's integer (int4) column; min defaults to 0. */
export const int4 = (opts: { min?: number; max?: number; message?: string } = {}) => {
  const min = opts.min ?? 0;
  const max = opts.max ?? INT4_MAX;
  const message = opts.message ?? `Use a whole number from ${min} to ${max}`;
  return z.number({ error: message }).int(message).min(min, message).max(max, message);
};

/** Years a date in Junction can have: birth dates to bookings years ahead. */
export const YEARS = { min: 1900, max: 2200 } as const;
const EARLIEST = Date.UTC(YEARS.min, 0, 1);
const LATEST = Date.UTC(YEARS.max + 1, 0, 1);

/** An instant (Date, ISO string or epoch milliseconds) between 1900 and 2200. */
export const instant = (message = "Enter a valid date and time") =>
  z.coerce
    .date({ message })
    .refine((d) => !Number.isNaN(d.getTime()), message)
    .refine((d) => d.getTime() >= EARLIEST && d.getTime() < LATEST, `Use a date between ${YEARS.min} and ${YEARS.max}`);

/** "2026-02-30" parses in JavaScript (as March 2) but PostgreSQL refuses it: the day must exist. */
export const isCalendarDate = (v: string) => {
  const time = Date.parse(`${v}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === v;
};

/** A calendar day as YYYY-MM-DD, a day that exists, between 1900 and 2200. */
export const calendarDate = (what: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Give the ${what} as YYYY-MM-DD`)
    .refine(isCalendarDate, `The ${what} is not a real date`)
    .refine((v) => {
      const year = Number(v.slice(0, 4));
      return year >= YEARS.min && year <= YEARS.max;
    }, `Use a ${what} between ${YEARS.min} and ${YEARS.max}`);

const UNSAFE_IN_DISPLAY = new RegExp(
  [SINGLE_LINE_CONTROLS, BIDI_CONTROLS, ZERO_WIDTH, LONE_SURROGATE].map((r) => r.source).join("|"),
  "gu",
);

/**
 * A stored name as staff see it: controls, bidi overrides and invisible characters removed, so a
 * name saved before these checks cannot reorder or hide the text around it. Render it inside <bdi>
 * (app/_components/person-name.tsx) so a right-to-left name stays in its own box.
 */
export function displayName(value: string): string {
  return value.replace(UNSAFE_IN_DISPLAY, "");
}

import { CURRENCIES } from "@/app/_lib/money";
import { z } from "zod";
import { CLINIC_LOCALES } from "@/server/scheduling/format";
import { passwordText, nameText, safeText } from "@/server/validation";

export const DAY_KEYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export const DAY_LABELS: Record<(typeof DAY_KEYS)[number], string> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return zone.includes("/") || zone === "UTC";
  } catch {
    return false;
  }
}

export const timeZoneSchema = safeText()
  .max(80, "Choose a time zone such as America/Los_Angeles")
  .refine(isValidTimeZone, { message: "Choose a time zone such as America/Los_Angeles" });

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, "Use at least 3 characters")
  .max(40, "Use at most 40 characters")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use lowercase letters, digits and single dashes");

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "Use a 24-hour time like 07:00");
const toMinutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

const dayIntervals = z
  .array(z.object({ start: time, end: time }))
  .max(6, "At most 6 intervals a day")
  .superRefine((intervals, ctx) => {
    const sorted = [...intervals].sort((a, b) => toMinutes(a.start) - toMinutes(b.start));
    sorted.forEach((iv, i) => {
      if (toMinutes(iv.end) <= toMinutes(iv.start)) {
        ctx.addIssue({ code: "custom", message: `${iv.start}–${iv.end} ends before it starts` });
      }
      const next = sorted[i + 1];
      if (next && toMinutes(next.start) < toMinutes(iv.end)) {
        ctx.addIssue({ code: "custom", message: `${iv.start}–${iv.end} overlaps ${next.start}–${next.end}` });
      }
    });
  })
  .transform((intervals) => [...intervals].sort((a, b) => toMinutes(a.start) - toMinutes(b.start)));

export const openingHoursSchema = z.object({
  mon: dayIntervals,
  tue: dayIntervals,
  wed: dayIntervals,
  thu: dayIntervals,
  fri: dayIntervals,
  sat: dayIntervals,
  sun: dayIntervals,
});

const optionalText = (max: number, opts: { multiline?: boolean } = {}) =>
  safeText(opts)
    .max(max, `Use at most ${max} characters`)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional();

export const clinicProfileSchema = z.object({
  name: nameText().min(2, "Enter the clinic's name").max(120, "Use at most 120 characters"),
  timeZone: timeZoneSchema,
  /** How dates and times are written; left out, it stays as it is. */
  locale: z.enum(CLINIC_LOCALES, { message: "Choose how times are written" }).optional(),
  /** Left as it is when not given. */
  currency: z.enum(CURRENCIES, { message: "Choose a currency from the list" }).optional(),
  email: z
    .union([z.literal(""), z.string().trim().email("Enter a valid email address")])
    .transform((v) => v || null)
    .nullable()
    .optional(),
  phone: optionalText(40),
  address: optionalText(300, { multiline: true }),
});

export const createClinicSchema = z.object({
  clinicName: nameText().min(2, "Enter the clinic's name").max(120, "Use at most 120 characters"),
  slug: slugSchema,
  timeZone: timeZoneSchema,
  ownerName: nameText().min(1, "Enter your name").max(120, "Use at most 120 characters"),
  email: z.string().trim().toLowerCase().email("Enter a valid email address").max(200),
  // Kept exactly as typed (no trimming), but no control characters or lone surrogates.
  password: passwordText().min(10, "Use at least 10 characters").max(200),
});

/** For a signed-in user adding another clinic. */
export const addClinicSchema = createClinicSchema.pick({ clinicName: true, slug: true, timeZone: true });

export type ClinicProfileInput = z.infer<typeof clinicProfileSchema>;
export type CreateClinicInput = z.infer<typeof createClinicSchema>;

/** Staff sessions end after this many minutes without activity (server/auth/sessions.ts). */
export const idleTimeoutSchema = z.object({
  idleTimeoutMinutes: z
    .number({ error: "Enter a number of minutes" })
    .int("Use whole minutes")
    .min(15, "Use at least 15 minutes")
    .max(240, "Use at most 240 minutes (4 hours)"),
});
export type IdleTimeoutInput = z.infer<typeof idleTimeoutSchema>;

// zod inputs for consent: the owner's settings (shared with the form), the log filter, and the
// decision a browser posts to /api/consent.
import { z } from "zod";
import { consentSourceEnum } from "@/db/schema";
import { CONSENT_MONTHS, OPTIONAL_CATEGORIES, TAG_LIMITS } from "./categories";
import { CONSENT_LANGUAGES } from "./texts";
import { instant, INVISIBLE_OR_CONTROL, isSafeText, nameText, safeText } from "@/server/validation";

const MAX_INLINE_SCRIPT = TAG_LIMITS.inlineScript;
const MAX_TAG_COOKIES = TAG_LIMITS.cookies;

const httpsUrl = safeText()
  .max(TAG_LIMITS.scriptUrl, "The address is too long (at most 2,048 characters).")
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === "https:" && !url.username && !url.password && url.hostname.includes(".");
    } catch {
      return false;
    }
  }, "Use a full https:// address, e.g. https://plausible.io/js/script.js.");

const cookieName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{1,64}\*?$/, "Cookie names use letters, digits, _ . - (a trailing * matches a prefix).");

/** An https host a tag may reach: "plausible.io", "*.google-analytics.com" (an https:// prefix is dropped). */
const tagHost = z.preprocess(
  (value) =>
    typeof value === "string"
      ? value
          .trim()
          .toLowerCase()
          .replace(/^https:\/\//, "")
          .replace(/\/$/, "")
      : value,
  z
    .string()
    .max(253)
    .regex(
      /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/,
      "Hosts look like plausible.io or *.example.com (https only, no paths).",
    ),
);

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const consentTagSchema = z
  .object({
    provider: nameText().min(1, "Name who runs this tag.").max(80, "At most 80 characters."),
    scriptUrl: z.preprocess(blankToUndefined, httpsUrl.optional()),
    inlineScript: z.preprocess(
      blankToUndefined,
      z
        .string()
        .max(MAX_INLINE_SCRIPT, `At most ${MAX_INLINE_SCRIPT.toLocaleString("en-US")} characters.`)
        .refine((code) => !/<\/?script/i.test(code), "Paste the code without the <script> tags.")
        .refine((code) => isSafeText(code, { multiline: true }), INVISIBLE_OR_CONTROL)
        .optional(),
    ),
    cookies: z.array(cookieName).max(MAX_TAG_COOKIES, `At most ${MAX_TAG_COOKIES} cookie names.`).default([]),
    hosts: z.array(tagHost).max(TAG_LIMITS.hosts, `At most ${TAG_LIMITS.hosts} hosts.`).optional(),
  })
  .refine((tag) => tag.scriptUrl !== undefined || tag.inlineScript !== undefined, {
    message: "Give a script address, a snippet, or both.",
    path: ["scriptUrl"],
  });

export const consentTagsSchema = z.object(
  Object.fromEntries(OPTIONAL_CATEGORIES.map((c) => [c, consentTagSchema.nullable().optional()])) as Record<
    (typeof OPTIONAL_CATEGORIES)[number],
    z.ZodOptional<z.ZodNullable<typeof consentTagSchema>>
  >,
);

export const consentSettingsSchema = z.object({
  consentMonths: z
    .number()
    .int()
    .min(CONSENT_MONTHS.min, `At least ${CONSENT_MONTHS.min} months.`)
    .max(CONSENT_MONTHS.max, `At most ${CONSENT_MONTHS.max} months.`)
    .optional(),
  language: z.enum(CONSENT_LANGUAGES).optional(),
  /** Replaces every category's tag; a category left out or null has none. */
  tags: consentTagsSchema.optional(),
});
export type ConsentSettingsInput = z.infer<typeof consentSettingsSchema>;

export const consentLogSchema = z.object({
  /** Decided at or after this instant. */
  from: instant().optional(),
  /** Decided before this instant. */
  to: instant().optional(),
  cursor: z
    .string()
    .max(200)
    .regex(/^[\w-]*$/, "Unknown page")
    .optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type ConsentLogInput = z.infer<typeof consentLogSchema>;

/** The body of POST /api/consent. Unknown categories are kept here and ignored by decideCategories(). */
export const consentDecisionSchema = z.object({
  /** The clinic's slug, or null on Junction's own pages. */
  clinic: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/)
    .nullable(),
  consentId: z.string().uuid(),
  accepted: z.array(z.string().max(40)).max(10),
  /** The policy version the banner showed. */
  policyVersion: z.number().int().min(1).max(1_000_000),
  language: z.enum(CONSENT_LANGUAGES),
  source: z.enum(consentSourceEnum.enumValues),
  /** navigator.globalPrivacyControl (the Sec-GPC header counts too). */
  gpc: z.boolean().default(false),
});
export type ConsentDecisionInput = z.infer<typeof consentDecisionSchema>;

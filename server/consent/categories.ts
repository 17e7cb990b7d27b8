// The consent categories, shared by the banner, the registry, the proof and the clinic's tags.
// "necessary" is always granted and never asked about; the other three are off until chosen.

export const CONSENT_CATEGORIES = ["necessary", "preferences", "analytics", "marketing"] as const;
export type ConsentCategory = (typeof CONSENT_CATEGORIES)[number];

/** The categories a visitor chooses about (a clinic may configure a tag for each). */
export const OPTIONAL_CATEGORIES = [
  "preferences",
  "analytics",
  "marketing",
] as const satisfies readonly ConsentCategory[];
export type OptionalCategory = (typeof OPTIONAL_CATEGORIES)[number];

/** What a Global Privacy Control signal refuses, whatever else the visitor chooses. */
export const GPC_REFUSED: readonly OptionalCategory[] = ["analytics", "marketing"];

export const isConsentCategory = (value: unknown): value is ConsentCategory =>
  typeof value === "string" && (CONSENT_CATEGORIES as readonly string[]).includes(value);

/**
 * The granted and refused categories for what the visitor accepted: unknown names are ignored,
 * "necessary" is always granted, and with GPC analytics and marketing are always refused.
 * Both lists come back in CONSENT_CATEGORIES order, so equal decisions compare equal.
 */
export function decideCategories(
  accepted: readonly unknown[],
  opts: { gpc: boolean },
): { granted: ConsentCategory[]; refused: ConsentCategory[] } {
  const wanted = new Set(accepted.filter(isConsentCategory));
  const granted = CONSENT_CATEGORIES.filter(
    (c) => c === "necessary" || (wanted.has(c) && !(opts.gpc && (GPC_REFUSED as readonly string[]).includes(c))),
  );
  return { granted, refused: CONSENT_CATEGORIES.filter((c) => !granted.includes(c)) };
}

/** Consent lasts whole months (6–13, CNIL's ceiling is 13): 6 → 182 days, 12 → 365, 13 → 395. */
export const CONSENT_MONTHS = { min: 6, max: 13, default: 12 } as const;
export const consentLifetimeDays = (months: number): number => Math.floor((months * 365) / 12);

/** Limits on a clinic's third-party tag (server/consent/schemas.ts; the settings form shows them). */
export const TAG_LIMITS = { inlineScript: 10_000, scriptUrl: 2048, cookies: 20, hosts: 10 } as const;

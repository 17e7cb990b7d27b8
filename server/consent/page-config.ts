// What a public page's banner needs, decided on the server: whose pages these are (a clinic, or
// Junction's own), that owner's settings and wording, and whether the browser's consent cookie is
// a decision we recorded (app/_components/consent/public-shell.tsx passes it to the banner).
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clinics } from "@/db/schema";
import { PATIENT_LINK_PURPOSES, verifyPatientLinkToken } from "@/server/auth/patient-links";
import { withClinic, withPublicClinic, type ClinicRef } from "@/server/tenancy";
import { consentLifetimeDays, OPTIONAL_CATEGORIES, type ConsentCategory, type OptionalCategory } from "./categories";
import { readConsentCookie, type CookieVerdict } from "./consent-cookie";
import { consentCookieName, PLATFORM_CONSENT } from "./registry";
import { DEFAULT_CONSENT_SETTINGS, getConsentSettings, type ClinicConsentSettings } from "./settings";
import { bannerTextsFor, type BannerTexts, type ConsentLanguage } from "./texts";

export type ConsentScope =
  | { kind: "platform" }
  | { kind: "clinic"; clinic: Pick<ClinicRef, "id" | "slug" | "name">; settings: ClinicConsentSettings };

export const PLATFORM_SCOPE: ConsentScope = { kind: "platform" };

export type ConsentTagConfig = {
  category: OptionalCategory;
  scriptUrl: string | null;
  inlineScript: string | null;
  cookies: string[];
};

/** Everything the browser's banner gets (plain data: it crosses to a client component). */
export type ConsentClientConfig = {
  /** null on Junction's own pages. */
  clinicSlug: string | null;
  cookieName: string;
  months: number;
  lifetimeDays: number;
  policyVersion: number;
  language: ConsentLanguage;
  texts: BannerTexts;
  policyHref: string;
  /** The request carried Sec-GPC: 1. */
  gpcHeader: boolean;
  cookie: { verdict: CookieVerdict; granted: ConsentCategory[] };
  /** The clinic's tags; they run only on tagPath, never on pages whose address holds a personal link. */
  tags: ConsentTagConfig[];
  tagPath: string | null;
  /**
   * The owner has something optional (a clinic with a tag): "Cookie settings" offers the categories.
   * Without, it only says that nothing optional is used, and no banner ever shows (nothing to ask).
   */
  choices: boolean;
  /** This response's CSP nonce, for inline tag snippets. */
  nonce: string | null;
};

/** The clinic behind a public slug (booking page, its cookie policy), or Junction's own scope. */
export async function consentScopeForSlug(db: Db, slug: string): Promise<ConsentScope> {
  return withPublicClinic(db, slug, async (tx, clinic) =>
    clinic ? { kind: "clinic", clinic, settings: await getConsentSettings(tx, clinic.id) } : PLATFORM_SCOPE,
  );
}

/** The clinic that signed a patient link (any purpose; expired or altered links: Junction's scope). */
export async function consentScopeForPatientToken(db: Db, token: string): Promise<ConsentScope> {
  const clinicId = PATIENT_LINK_PURPOSES.map((purpose) => {
    try {
      return verifyPatientLinkToken(token, purpose).clinicId;
    } catch {
      return null;
    }
  }).find((id) => id !== null);
  if (!clinicId) return PLATFORM_SCOPE;
  return withClinic(db, clinicId, async (tx) => {
    const [clinic] = await tx
      .select({ id: clinics.id, slug: clinics.slug, name: clinics.name })
      .from(clinics)
      .where(eq(clinics.id, clinicId));
    return clinic ? { kind: "clinic", clinic, settings: await getConsentSettings(tx, clinicId) } : PLATFORM_SCOPE;
  });
}

export const scopeCookieName = (scope: ConsentScope) =>
  consentCookieName(scope.kind === "clinic" ? scope.clinic.id : null);

export function buildConsentClientConfig(
  scope: ConsentScope,
  request: {
    cookieValue: string | undefined;
    gpcHeader: boolean;
    nonce: string | null;
    secret: string;
    now?: Date;
    /** The page's path; the clinic's tags come only with its booking page. */
    path?: string;
  },
): ConsentClientConfig {
  const clinic = scope.kind === "clinic" ? scope : null;
  const settings = clinic?.settings ?? {
    ...DEFAULT_CONSENT_SETTINGS,
    consentMonths: PLATFORM_CONSENT.months,
    policyVersion: PLATFORM_CONSENT.policyVersion,
  };
  const policyHref = clinic ? `/cookies/${clinic.clinic.slug}` : "/cookies";
  const reading = readConsentCookie(request.cookieValue, {
    scope: clinic ? clinic.clinic.id : "platform",
    policyVersion: settings.policyVersion,
    months: settings.consentMonths,
    secret: request.secret,
    now: request.now,
  });
  const tagPath = clinic ? `/book/${clinic.clinic.slug}` : null;
  // The tags reach the browser only on the page they may run on (the booking page).
  const tagPage = tagPath !== null && request.path !== undefined && request.path.replace(/\/$/, "") === tagPath;
  const tags: ConsentTagConfig[] = OPTIONAL_CATEGORIES.flatMap((category) => {
    const tag = tagPage ? settings.tags[category] : undefined;
    return tag
      ? [{ category, scriptUrl: tag.scriptUrl ?? null, inlineScript: tag.inlineScript ?? null, cookies: tag.cookies }]
      : [];
  });
  return {
    clinicSlug: clinic?.clinic.slug ?? null,
    cookieName: scopeCookieName(scope),
    months: settings.consentMonths,
    lifetimeDays: consentLifetimeDays(settings.consentMonths),
    policyVersion: settings.policyVersion,
    language: settings.language,
    texts: bannerTextsFor(settings.language, {
      owner: clinic?.clinic.name ?? PLATFORM_CONSENT.owner,
      months: settings.consentMonths,
      policyHref,
    }),
    policyHref,
    gpcHeader: request.gpcHeader,
    cookie: { verdict: reading.verdict, granted: reading.granted },
    tags,
    tagPath,
    choices: OPTIONAL_CATEGORIES.some((category) => settings.tags[category] !== undefined),
    nonce: request.nonce,
  };
}

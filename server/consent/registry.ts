// Every cookie and browser-storage key Junction itself sets, by category, purpose and lifetime.
// The cookie policy pages (app/cookies/) are generated from this list, and the browser tests
// (tests/e2e/consent/) fail when the browser holds anything that no entry here matches.
import type { ConsentCategory } from "./categories";

export type StorageKind = "cookie" | "localStorage";

export type RegistryEntry = {
  /** As shown in the policy; <angle brackets> mark the variable part. */
  name: string;
  /** Other names the same item takes (e.g. the __Secure- prefix over HTTPS). */
  variants: string[];
  /** What it matches in a browser. */
  pattern: RegExp;
  kind: StorageKind;
  category: ConsentCategory;
  purpose: string;
  lifetime: string;
  /** When it is set. */
  when: string;
};

/** The consent cookie on Junction's own pages (home, sign-in); each clinic's pages have their own. */
export const PLATFORM_CONSENT_COOKIE = "junction_consent";

/** Each clinic asks separately, so each clinic's pages keep the visitor's choice in their own cookie. */
export function consentCookieName(clinicId: string | null): string {
  return clinicId
    ? `${PLATFORM_CONSENT_COOKIE}_${clinicId.replaceAll("-", "").toLowerCase()}`
    : PLATFORM_CONSENT_COOKIE;
}

/** Junction's own pages: one policy version and duration, changed in code (with this file). */
export const PLATFORM_CONSENT = { policyVersion: 1, months: 12, language: "en", owner: "Junction" } as const;

/** next-auth's session lifetime (server/auth.ts session.maxAge), in hours. */
const SESSION_HOURS = 12;

export const COOKIE_REGISTRY: readonly RegistryEntry[] = [
  {
    name: PLATFORM_CONSENT_COOKIE,
    variants: [],
    pattern: /^junction_consent$/,
    kind: "cookie",
    category: "necessary",
    purpose:
      "Remembers your cookie choice on Junction's own pages (home, sign-in): the categories you allowed, the policy version you answered, an opaque consent id and a signature, so that a cookie changed in the browser is not trusted.",
    lifetime: `${PLATFORM_CONSENT.months} months`,
    when: "Once you choose in the banner on Junction's own pages.",
  },
  {
    name: `${PLATFORM_CONSENT_COOKIE}_<clinic id>`,
    variants: [],
    pattern: /^junction_consent_[0-9a-f]{32}$/,
    kind: "cookie",
    category: "necessary",
    purpose:
      "The same for one clinic's pages (its booking page and the pages it sends patients): each clinic asks for your consent separately, and its log keeps the consent id as proof of your choice.",
    lifetime: "Set by the clinic, 6 to 13 months",
    when: "Once you choose in the banner on a clinic's pages.",
  },
  {
    name: "next-auth.session-token",
    variants: ["__Secure-next-auth.session-token", "next-auth.session-token.0, .1, … (split when large)"],
    pattern: /^(__Secure-)?next-auth\.session-token(\.\d+)?$/,
    kind: "cookie",
    category: "necessary",
    purpose:
      "Keeps clinic staff signed in: a signed token naming the staff member and their session on the server, which ends when they sign out or stop using Junction for the clinic's idle time. Patients and visitors never get it.",
    lifetime: `${SESSION_HOURS} hours from signing in at most; ends after the clinic's idle time (30 minutes unless the clinic chose otherwise)`,
    when: "When a staff member signs in.",
  },
  {
    name: "junction-kiosk",
    variants: [],
    pattern: /^junction-kiosk$/,
    kind: "cookie",
    category: "necessary",
    purpose:
      "While a staff member's tablet is handed to a patient for one questionnaire: keeps it on that questionnaire until the staff member's password is given.",
    lifetime: "12 hours, or until the staff member returns",
    when: "When a clinician or owner chooses “Answer in clinic”.",
  },
  {
    name: "next-auth.csrf-token",
    variants: ["__Host-next-auth.csrf-token"],
    pattern: /^(__Host-)?next-auth\.csrf-token$/,
    kind: "cookie",
    category: "necessary",
    purpose: "Protects the sign-in and sign-out forms against cross-site request forgery.",
    lifetime: "Until the browser is closed",
    when: "When the sign-in or sign-out form is used.",
  },
  {
    name: "next-auth.callback-url",
    variants: ["__Secure-next-auth.callback-url"],
    pattern: /^(__Secure-)?next-auth\.callback-url$/,
    kind: "cookie",
    category: "necessary",
    purpose: "Remembers which page to return to after signing in.",
    lifetime: "Until the browser is closed",
    when: "When the sign-in form is used.",
  },
  {
    name: "nextauth.message",
    variants: [],
    pattern: /^nextauth\.message$/,
    kind: "localStorage",
    category: "necessary",
    purpose:
      "Tells your other open Junction tabs that you signed out, so they sign out too. Holds only an event name and a time.",
    lifetime: "Until you clear your browser's storage (overwritten at each sign-out)",
    when: "When a staff member signs out.",
  },
];

/** The registry entry a cookie or storage key belongs to, if any. */
export function registryEntryFor(kind: StorageKind, name: string): RegistryEntry | undefined {
  return COOKIE_REGISTRY.find((e) => e.kind === kind && e.pattern.test(name));
}

/** Whether a cookie name matches a clinic tag's declared cookie ("_ga" exactly, "_ga*" as a prefix). */
export function matchesDeclaredCookie(declared: string, name: string): boolean {
  return declared.endsWith("*") ? name.startsWith(declared.slice(0, -1)) : name === declared;
}

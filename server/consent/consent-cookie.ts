// The consent cookie is written by the banner library in the browser (JSON: categories, revision,
// consentId, …). When the server records a decision it returns a signature over what it recorded,
// which the browser stores in the cookie's `data`; pages verify it on every request. A cookie that
// does not parse, does not verify, or has expired counts as no consent: the banner asks again.
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { consentLifetimeDays, decideCategories, type ConsentCategory } from "./categories";

/** What the server adds to the library's cookie (its `data` field). */
export type ConsentProof = { v: 1; at: number; sig: string };

export type SignedFields = {
  /** The clinic's id, or "platform" for Junction's own pages. */
  scope: string;
  consentId: string;
  policyVersion: number;
  /** When the server recorded the decision (ms since the epoch). */
  at: number;
  granted: readonly ConsentCategory[];
};

export function signConsent(fields: SignedFields, secret: string): string {
  const body = [
    "v1",
    fields.scope,
    fields.consentId.toLowerCase(),
    fields.policyVersion,
    fields.at,
    [...fields.granted].sort().join(","),
  ].join("|");
  return createHmac("sha256", `consent-cookie:${secret}`).update(body).digest("base64url");
}

/** Cookies are small; anything bigger was not written by us. */
const MAX_COOKIE_LENGTH = 4096;

const cookieSchema = z.object({
  categories: z.array(z.string().max(40)).max(20),
  revision: z.number().int().min(0),
  consentId: z.string().uuid(),
  data: z.object({ v: z.literal(1), at: z.number().int().positive(), sig: z.string().min(10).max(100) }),
});

/**
 * - none: no cookie, the banner asks.
 * - valid: a decision we recorded, for the current policy, not expired.
 * - stale: a decision we recorded, for an older policy version (the banner asks again, saying why).
 * - invalid: malformed, altered, unsigned or expired — erased in the browser, the banner asks.
 */
export type CookieVerdict = "none" | "valid" | "stale" | "invalid";

export type CookieReading = { verdict: CookieVerdict; granted: ConsentCategory[]; consentId: string | null };

function parse(raw: string): unknown {
  for (const text of [raw, safeDecode(raw)]) {
    if (text === null) continue;
    try {
      return JSON.parse(text);
    } catch {
      // try the next form
    }
  }
  return null;
}

function safeDecode(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

const sameSignature = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export function readConsentCookie(
  raw: string | undefined,
  ctx: { scope: string; policyVersion: number; months: number; secret: string; now?: Date },
): CookieReading {
  const nothing = (verdict: CookieVerdict): CookieReading => ({ verdict, granted: [], consentId: null });
  if (raw === undefined || raw === "") return nothing("none");
  if (raw.length > MAX_COOKIE_LENGTH) return nothing("invalid");
  const parsed = cookieSchema.safeParse(parse(raw));
  if (!parsed.success) return nothing("invalid");
  const cookie = parsed.data;
  // Unknown category names are ignored, never an error.
  const { granted } = decideCategories(cookie.categories, { gpc: false });
  const expected = signConsent(
    { scope: ctx.scope, consentId: cookie.consentId, policyVersion: cookie.revision, at: cookie.data.at, granted },
    ctx.secret,
  );
  if (!sameSignature(expected, cookie.data.sig)) return nothing("invalid");
  const now = (ctx.now ?? new Date()).getTime();
  const expiresAt = cookie.data.at + consentLifetimeDays(ctx.months) * 86_400_000;
  if (cookie.data.at > now + 5 * 60_000 || expiresAt <= now) return nothing("invalid");
  return { verdict: cookie.revision === ctx.policyVersion ? "valid" : "stale", granted, consentId: cookie.consentId };
}

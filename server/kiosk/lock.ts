// The kiosk lock: while a tablet is handed to a patient, a signed, httpOnly cookie names the one
// questionnaire it may show (staff member, clinic, patient, request, expiry). Staff pages and
// procedures refuse everything else until the staff member gives their password (server/kiosk/).
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { appUrl, authSecret } from "@/server/env";

export const KIOSK_COOKIE = "junction-kiosk";
/** As long as a staff session: the lock never outlives the session it was made in by much. */
export const KIOSK_HOURS = 12;

export type KioskLock = {
  userId: string;
  /** The staff session that handed the tablet over: signing in again (a new session) is not locked. */
  sessionId?: string;
  clinicSlug: string;
  patientId: string;
  requestId: string;
  expiresAt: Date;
};

const payloadSchema = z.object({
  v: z.literal(1),
  u: z.string().uuid(),
  s: z.string().min(1).max(100),
  p: z.string().uuid(),
  r: z.string().uuid(),
  e: z.number().int(),
  x: z.string().min(1).max(100).optional(),
});

const sign = (body: string) => createHmac("sha256", `kiosk-lock:${authSecret()}`).update(body).digest("base64url");

export function createKioskLock(lock: Omit<KioskLock, "expiresAt">, now = new Date()): string {
  const payload = {
    v: 1 as const,
    u: lock.userId,
    s: lock.clinicSlug,
    p: lock.patientId,
    r: lock.requestId,
    e: Math.floor(now.getTime() / 1000) + KIOSK_HOURS * 3600,
    ...(lock.sessionId ? { x: lock.sessionId } : {}),
  };
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${body}.${sign(body)}`;
}

/**
 * The lock in `value` if it is intact, unexpired and belongs to this user and (when it names one) this
 * session: another user's, another session's (signed out and in again) or an altered one is ignored.
 */
export function readKioskLock(
  value: string | null | undefined,
  user: { id: string; sessionId?: string },
  now = new Date(),
): KioskLock | null {
  if (!value) return null;
  const [body, signature, extra] = value.split(".");
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success || parsed.data.u !== user.id || parsed.data.e * 1000 <= now.getTime()) return null;
  const p = parsed.data;
  if (p.x !== undefined && p.x !== user.sessionId) return null;
  return {
    userId: p.u,
    ...(p.x ? { sessionId: p.x } : {}),
    clinicSlug: p.s,
    patientId: p.p,
    requestId: p.r,
    expiresAt: new Date(p.e * 1000),
  };
}

/** The kiosk cookie's value in a Cookie header. */
export function kioskCookieFrom(cookieHeader: string | null): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === KIOSK_COOKIE) return rest.join("=");
  }
  return null;
}

/** A Set-Cookie header value: the lock, or (null) its removal. Host-only, httpOnly, strict same-site. */
export function kioskSetCookie(value: string | null): string {
  const secure = appUrl().startsWith("https:") ? "; Secure" : "";
  const life = value ? `Max-Age=${KIOSK_HOURS * 3600}` : "Max-Age=0";
  return `${KIOSK_COOKIE}=${value ?? ""}; Path=/; ${life}; HttpOnly; SameSite=Strict${secure}`;
}

/**
 * Set-Cookie values that sign this browser out and lift the lock in the same response, so that
 * leaving without a password cannot leave a signed-in browser behind (next-auth's session cookie,
 * plain and __Secure-, and its chunks).
 */
export function endSessionCookies(): string[] {
  const names = ["next-auth.session-token", "__Secure-next-auth.session-token"].flatMap((n) => [n, `${n}.0`, `${n}.1`]);
  return [
    kioskSetCookie(null),
    ...names.map(
      (n) => `${n}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${n.startsWith("__Secure-") ? "; Secure" : ""}`,
    ),
  ];
}

export const kioskPath = (lock: Pick<KioskLock, "clinicSlug" | "requestId">) =>
  `/c/${lock.clinicSlug}/kiosk/${lock.requestId}`;

/** What a tRPC call may do while the lock holds: the locked questionnaire, and leaving with a password. */
export function kioskAllows(lock: KioskLock, call: { path: string; clinicSlug: string | null; input: unknown }) {
  if (call.clinicSlug !== lock.clinicSlug) return false;
  if (call.path === "kiosk.leave" || call.path === "kiosk.endSession") return true;
  if (call.path !== "outcomes.inClinic" && call.path !== "outcomes.submitInClinic") return false;
  const requestId = (call.input as { requestId?: unknown } | null | undefined)?.requestId;
  return requestId === lock.requestId;
}

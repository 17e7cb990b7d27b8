// The public consent endpoint is rate-limited per client, like sign-in (server/auth/rate-limit.ts):
// each request leaves a row keyed by an HMAC of the IP (never the IP itself), rows older than the
// window are deleted as new ones arrive, and a client over the limit is refused for a while.
import { createHmac } from "node:crypto";
import { and, eq, gt, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { consentRequestLog } from "@/db/schema";

export const CONSENT_RATE = { max: 30, windowMinutes: 10 } as const;

export function consentClientKey(ip: string | null, secret: string): string {
  return createHmac("sha256", `consent-rate:${secret}`)
    .update(ip ?? "unknown")
    .digest("base64url")
    .slice(0, 22);
}

/** Counts this request; true when the client has made more than CONSENT_RATE.max in the window. */
export async function overConsentRate(db: Db, clientKey: string, now: Date = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - CONSENT_RATE.windowMinutes * 60_000);
  await db.delete(consentRequestLog).where(lt(consentRequestLog.at, since));
  await db.insert(consentRequestLog).values({ clientKey, at: now });
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(consentRequestLog)
    .where(and(eq(consentRequestLog.clientKey, clientKey), gt(consentRequestLog.at, since)));
  return (row?.n ?? 0) > CONSENT_RATE.max;
}

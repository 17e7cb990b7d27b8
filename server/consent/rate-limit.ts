// The public consent endpoint is limited per client IP (the true one, server/client-ip.ts) on the
// shared abuse limits (server/limits): LIMIT_CONSENT_PER_IP decisions per 10 minutes.
import type { Db } from "@/db/client";
import { consume } from "@/server/limits/limiter";

export const tooManyDecisions = (wait: string) => `Too many requests — please try again in ${wait}.`;

/** Counts one decision from this IP; refuses (TOO_MANY_REQUESTS) past the limit. Unknown IPs are not limited. */
export async function limitConsent(db: Db, ip: string | null): Promise<void> {
  if (ip) await consume(db, "consentIp", ip, tooManyDecisions);
}

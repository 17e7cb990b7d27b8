// Sign-in limits (server/limits): failures from one IP are counted, and past LIMIT_SIGNIN_IP_FAILURES in
// the window that IP may not try any account (a password spray stops). Consecutive failures on one
// account make it wait before the next try — nothing for the first few, then 1, 2, 4 … seconds up to
// LIMIT_SIGNIN_MAX_DELAY_SECONDS — so a guesser slows to a crawl but the real person is never locked
// out (and an emailed sign-in link is never delayed). Counted whether or not the email has an account.
import type { Db } from "@/db/client";
import { env } from "@/server/env";
import { count, forget, hold, LimitReached, peek } from "@/server/limits/limiter";

export const tooManyFromHere = (wait: string) =>
  `Too many attempts — try again in ${wait}, or sign in with an email link.`;
export const waitBeforeRetry = (wait: string) =>
  `Too many attempts on this account — try again in ${wait}, or sign in with an email link.`;

/** Seconds to wait after the n-th consecutive failure on one account. */
export function accountDelaySeconds(failures: number): number {
  const over = failures - env.LIMIT_SIGNIN_FREE_FAILURES;
  if (over <= 0) return 0;
  return Math.min(env.LIMIT_SIGNIN_MAX_DELAY_SECONDS, 2 ** Math.min(over - 1, 30));
}

/** Refuses the attempt before any password is checked: an IP over its failures, or an account still waiting. */
export async function assertMayTrySignIn(db: Db, input: { email: string; ip: string | null }): Promise<void> {
  if (input.ip) {
    const fromIp = await peek(db, "signInIp", input.ip);
    if (fromIp.used >= env.LIMIT_SIGNIN_IP_FAILURES) throw new LimitReached(tooManyFromHere, fromIp.msLeft);
  }
  const wait = await peek(db, "signInWait", input.email);
  if (wait.used > 1 && wait.msLeft > 0) throw new LimitReached(waitBeforeRetry, wait.msLeft);
}

export async function recordSignInFailure(db: Db, input: { email: string; ip: string | null }): Promise<void> {
  if (input.ip) await count(db, "signInIp", input.ip);
  const delay = accountDelaySeconds(await count(db, "signInAccount", input.email));
  if (delay > 0) await hold(db, "signInWait", input.email, delay);
}

/** The right password ends the account's run of failures (the IP's count stays for its window). */
export async function recordSignInSuccess(db: Db, email: string): Promise<void> {
  await forget(db, "signInAccount", email);
  await forget(db, "signInWait", email);
}

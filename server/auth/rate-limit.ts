// Repeated sign-in failures for one email are refused for a while, whether or not the email exists.
import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { loginAttempts } from "@/db/schema";

export const MAX_FAILURES = 5;
export const WINDOW_MINUTES = 15;

export async function isSignInLocked(db: Db, email: string, now: Date = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - WINDOW_MINUTES * 60_000);
  const [row] = await db
    .select({ failures: sql<number>`count(*)::int` })
    .from(loginAttempts)
    .where(
      and(
        eq(sql`lower(${loginAttempts.email})`, email.toLowerCase()),
        eq(loginAttempts.succeeded, 0),
        gt(loginAttempts.at, since),
      ),
    );
  return (row?.failures ?? 0) >= MAX_FAILURES;
}

export async function recordSignInAttempt(db: Db, email: string, ip: string | null, succeeded: boolean): Promise<void> {
  await db.insert(loginAttempts).values({ email: email.toLowerCase(), ip, succeeded: succeeded ? 1 : 0 });
}

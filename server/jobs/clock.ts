// "Now" for messages and jobs: real time, plus an offset that development and test builds may move
// (POST /api/dev/clock) so a browser test can see tomorrow's reminder without waiting for it. The
// offset lives in the database, so the Next process and the worker agree. Production reads nothing.
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { jobClock } from "@/db/schema";
import { adjustableClock } from "@/server/env";
import { wakeDispatcher } from "./queues";

export async function jobsNow(db: DbOrTx): Promise<Date> {
  if (!adjustableClock()) return new Date();
  const [row] = await db.select({ offsetMs: jobClock.offsetMs }).from(jobClock).where(eq(jobClock.id, 1));
  return new Date(Date.now() + (row?.offsetMs ?? 0));
}

export type ClockChange = { advanceMs: number } | { now: Date } | { reset: true };

/** Moves the jobs clock and wakes the dispatcher; returns the new "now". Refused in production. */
export async function setJobsClock(db: DbOrTx, change: ClockChange): Promise<Date> {
  if (!adjustableClock()) throw new Error("The jobs clock can only be moved in development and tests");
  const absolute = "now" in change ? change.now.getTime() - Date.now() : 0;
  const offset =
    "advanceMs" in change ? sql`${jobClock.offsetMs} + ${Math.round(change.advanceMs)}` : sql`${absolute}::bigint`;
  const [row] = await db
    .insert(jobClock)
    .values({ id: 1, offsetMs: "advanceMs" in change ? Math.round(change.advanceMs) : absolute })
    .onConflictDoUpdate({ target: jobClock.id, set: { offsetMs: offset, updatedAt: new Date() } })
    .returning({ offsetMs: jobClock.offsetMs });
  await wakeDispatcher(db);
  return new Date(Date.now() + (row?.offsetMs ?? 0));
}

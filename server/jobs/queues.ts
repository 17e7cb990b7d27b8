// Queue names and settings for the background worker, and the wake-up call for the dispatcher.
// Imported by request code too (to wake the dispatcher), so nothing here loads pg-boss itself.
import { sql } from "drizzle-orm";
import type { Queue } from "pg-boss";
import type { DbOrTx } from "@/db/client";

/** pg-boss lives in its own schema of the app's database. */
export const BOSS_SCHEMA = "pgboss";

/** One job per message: { clinicId, messageId }. */
export const SEND_MESSAGE = "send-message";
export type SendMessageJob = { clinicId: string; messageId: string };

/** Attempts before a message is marked failed: the first and seven retries, ~10–20 minutes in all. */
export const MAX_SEND_ATTEMPTS = 8;

/**
 * `exclusive` with the message key as singletonKey: at most one live job per message, however often
 * it is handed out. Retries back off from 5–10 s, doubling, to at most 10 min, so a provider outage
 * of a quarter of an hour is ridden out. A job whose worker stops heartbeating (killed) is retried
 * about 10–20 s later; a job may run at most 5 min; completed jobs are pruned after an hour.
 */
export const SEND_MESSAGE_QUEUE: Omit<Queue, "name"> = {
  policy: "exclusive",
  partition: true,
  retryLimit: MAX_SEND_ATTEMPTS - 1,
  retryDelay: 5,
  retryBackoff: true,
  retryDelayMax: 600,
  expireInSeconds: 300,
  heartbeatSeconds: 10,
  deleteAfterSeconds: 3600,
  retentionSeconds: 7 * 86_400,
};

/** Daily billing reconciliation (server/billing/seats.ts): seats, missed webhooks, missing trials. */
export const BILLING_RECONCILE = "billing-reconcile";
export const BILLING_RECONCILE_CRON = "17 4 * * *";

/** The channel the dispatcher listens on: a message became due now, or the clock moved. */
export const DISPATCH_CHANNEL = "junction_dispatch";

/** Asks the dispatcher for a pass now. Inside a transaction, PostgreSQL delivers it at commit. */
export async function wakeDispatcher(db: DbOrTx): Promise<void> {
  await db.execute(sql`SELECT pg_notify(${DISPATCH_CHANNEL}, '')`);
}

// The background worker: `npm run worker` in production, inside `npm run dev` in development.
// A dispatcher loop hands due messages to pg-boss (every few seconds, and at once when woken by a
// NOTIFY from a booking or the dev clock), and send-message jobs are fetched in batches and
// delivered a few at a time. stop() stops fetching, lets jobs in hand finish (up to a timeout) and
// leaves unfinished ones to pg-boss's retry.
import pg from "pg";
import type { Clock, JobResult, PgBoss } from "pg-boss";
import { appRoleUrl, createAppPool, drizzleFor, type Db } from "@/db/client";
import { reconcileBilling } from "@/server/billing/seats";
import { deliverMessage, type DeliveryHooks } from "@/server/messages/deliver";
import { releaseExpiredHolds } from "@/server/payments/release";
import { startBoss } from "./boss";
import { jobsNow } from "./clock";
import { dispatchDueMessages } from "./dispatch";
import { BILLING_RECONCILE, DISPATCH_CHANNEL, SEND_MESSAGE, type SendMessageJob } from "./queues";

export type WorkerOptions = {
  databaseUrl: string;
  log?: (m: string) => void;
  /** Time between dispatcher passes when nothing wakes it. */
  dispatchIntervalMs?: number;
  /** Jobs fetched at once, and delivered side by side. */
  batchSize?: number;
  concurrency?: number;
  /** For tests: pg-boss's clock, delivery hooks, and no dispatcher loop (tests call dispatchNow()). */
  clock?: Clock;
  hooks?: DeliveryHooks;
  loop?: boolean;
  spies?: boolean;
};

export type Worker = {
  boss: PgBoss;
  db: Db;
  /** One dispatcher pass at the jobs clock's "now"; resolves with how many messages were handed out. */
  dispatchNow: () => Promise<number>;
  /** Makes the sender fetch now instead of at its next poll. */
  wakeSender: () => void;
  /** One pass of the payment-hold release job (server/payments/release.ts) at the jobs clock's "now". */
  releaseHoldsNow: () => Promise<number>;
  stop: (opts?: { timeoutMs?: number }) => Promise<void>;
};

/** Runs fn over items with at most `limit` at a time, results in order. */
async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const run = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
  return results;
}

/** LISTENs for wake-ups on its own connection, reconnecting after errors until closed. */
function listenForWakeUps(databaseUrl: string, onWake: () => void, log: (m: string) => void) {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  const connect = async () => {
    const c = new pg.Client({ connectionString: appRoleUrl(databaseUrl) });
    c.on("notification", onWake);
    c.on("error", (e) => {
      log(`dispatcher listener: ${e.message}; reconnecting`);
      c.end().catch(() => {});
      if (!closed) retry = setTimeout(() => void connect(), 5000);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${DISPATCH_CHANNEL}`);
      client = c;
      onWake(); // anything that happened while we were not listening
    } catch (e) {
      log(`dispatcher listener: ${(e as Error).message}; retrying`);
      c.end().catch(() => {});
      if (!closed) retry = setTimeout(() => void connect(), 5000);
    }
  };
  void connect();
  return async () => {
    closed = true;
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}

export async function startWorker(opts: WorkerOptions): Promise<Worker> {
  const log = opts.log ?? ((m: string) => console.log(`[worker] ${m}`));
  const concurrency = opts.concurrency ?? 8;
  const pool = createAppPool(opts.databaseUrl, concurrency + 2);
  const db = drizzleFor(pool);
  const boss = await startBoss({ databaseUrl: opts.databaseUrl, clock: opts.clock, log, spies: opts.spies });

  let sender: string | null = null;
  const wakeSender = () => {
    if (sender) boss.notifyWorker(sender);
  };
  let passing: Promise<number> | null = null;
  const dispatchNow = async (): Promise<number> => {
    // Passes never overlap within one worker; a pass asked for during one runs right after it.
    while (passing) await passing.catch(() => 0);
    passing = (async () => dispatchDueMessages(boss, await jobsNow(db)))();
    try {
      const n = await passing;
      if (n > 0) wakeSender();
      return n;
    } finally {
      passing = null;
    }
  };

  sender = await boss.work<SendMessageJob>(
    SEND_MESSAGE,
    { batchSize: opts.batchSize ?? 50, pollingIntervalSeconds: 1, burstWhenBatchFull: true, perJobResults: true },
    async (jobs): Promise<JobResult[]> => {
      const now = await jobsNow(db);
      return mapLimit(jobs, concurrency, async (job): Promise<JobResult> => {
        try {
          return {
            id: job.id,
            status: "completed",
            output: { outcome: await deliverMessage(db, job.data, now, opts.hooks) },
          };
        } catch (error) {
          // Recorded on the message already (attempts, last_error); pg-boss retries with backoff.
          return { id: job.id, status: "failed", output: { message: (error as Error).message } };
        }
      });
    },
  );

  // Once a day: billing seats and state checked against Stripe (nothing to do with billing off).
  await boss.work(BILLING_RECONCILE, async () => {
    const corrected = await reconcileBilling(db, log);
    if (corrected > 0) log(`billing reconciliation corrected ${corrected} clinic${corrected === 1 ? "" : "s"}`);
  });

  const releaseHoldsNow = async () => releaseExpiredHolds(db, await jobsNow(db), log);

  // The dispatcher loop (messages, then unpaid booking holds): a pass every interval, or at once when woken.
  let stopping = false;
  let wake: (() => void) | null = null;
  const interval = opts.dispatchIntervalMs ?? 5000;
  const stopListening = opts.loop === false ? null : listenForWakeUps(opts.databaseUrl, () => wake?.(), log);
  const loop =
    opts.loop === false
      ? null
      : (async () => {
          while (!stopping) {
            try {
              const n = await dispatchNow();
              if (n > 0) log(`handed out ${n} message${n === 1 ? "" : "s"}`);
              const released = await releaseHoldsNow();
              if (released > 0) log(`released ${released} unpaid booking hold${released === 1 ? "" : "s"}`);
            } catch (error) {
              log(`dispatcher pass failed: ${(error as Error).message}`);
            }
            if (stopping) break;
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, interval);
              wake = () => {
                clearTimeout(timer);
                resolve();
              };
            });
            wake = null;
          }
        })();

  const stop = async ({ timeoutMs = 20_000 } = {}) => {
    stopping = true;
    wake?.();
    await loop;
    await stopListening?.();
    // Stops fetching, waits for jobs in hand up to the timeout, then fails what is left so it is retried.
    await boss.stop({ graceful: true, timeout: timeoutMs });
    await pool.end();
  };
  return { boss, db, dispatchNow, releaseHoldsNow, wakeSender, stop };
}

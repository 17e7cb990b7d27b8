// The worker with real pg-boss on real PostgreSQL: a booking's confirmation goes out through the
// dispatcher and a send job; moving the jobs clock brings the reminder; a worker killed between the
// provider's answer and its commit, or stopped while a job overruns its grace, loses nothing and
// sends nothing twice. pg-boss's own time (heartbeats, retry delays) is moved with its TestClock.
import { spawn } from "node:child_process";
import { TestClock } from "pg-boss";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { appDb } from "@/db/client";
import { requireDatabaseUrl } from "@/server/env";
import { setJobsClock } from "@/server/jobs/clock";
import { SEND_MESSAGE, type SendMessageJob } from "@/server/jobs/queues";
import { startWorker, type Worker } from "@/server/jobs/worker";
import { seedClinic, type SeededClinic } from "../fixtures/clinic";
import { adminPool } from "../fixtures/db";
import { at, bookFollowUp, futureDate, messagesOf, outboxOf } from "./messages-fixtures";

let a: SeededClinic;
const running: Worker[] = [];

beforeAll(async () => {
  a = await seedClinic();
});

afterAll(async () => {
  for (const w of running) await w.stop({ timeoutMs: 1000 }).catch(() => {});
  await setJobsClock(appDb(), { reset: true });
});

async function worker(opts: Partial<Parameters<typeof startWorker>[0]> = {}): Promise<Worker> {
  const w = await startWorker({ databaseUrl: requireDatabaseUrl(), loop: false, log: () => {}, spies: true, ...opts });
  running.push(w);
  return w;
}

async function stopped(w: Worker, timeoutMs?: number) {
  await w.stop({ timeoutMs });
  running.splice(running.indexOf(w), 1);
}

/** Resolves when the send job for this message completes on this worker. */
const completed = (w: Worker, messageId: string) =>
  w.boss.getSpy<SendMessageJob>(SEND_MESSAGE).waitForJob((data) => data.messageId === messageId, "completed");

async function jobsFor(messageId: string) {
  const { rows } = await adminPool().query<{ state: string; retry_count: number }>(
    "SELECT state, retry_count FROM pgboss.job WHERE name = $1 AND data->>'messageId' = $2 ORDER BY created_on",
    [SEND_MESSAGE, messageId],
  );
  return rows;
}

async function confirmationOf(appointmentId: string) {
  return (await messagesOf(a.id, appointmentId)).find((m) => m.kind === "confirmation")!;
}

/** Ticks pg-boss's clock a few seconds at a time until `done` settles (or gives up after `maxMs` of its time). */
async function tickUntil(clock: TestClock, done: Promise<unknown>, maxMs = 180_000) {
  let settled = false;
  void done.finally(() => (settled = true)).catch(() => {});
  for (let t = 0; t < maxMs && !settled; t += 5000) await clock.tick(5000);
  return done;
}

describe("the worker", () => {
  test("sends a booking's confirmation once, and the 24 h reminder when the jobs clock reaches it", async () => {
    const w = await worker();
    const startsAt = at(a, futureDate(1), "09:00");
    const appt = await bookFollowUp(a, startsAt);
    const confirmation = await confirmationOf(appt.id);
    const sent = completed(w, confirmation.id);
    expect(await w.dispatchNow()).toBe(1);
    await sent;
    expect(await w.dispatchNow()).toBe(0);
    expect(await confirmationOf(appt.id)).toMatchObject({ state: "sent", attempts: 1 });

    const reminder = (await messagesOf(a.id, appt.id)).find((m) => m.kind === "reminder_24h")!;
    await setJobsClock(appDb(), { now: new Date(reminder.dueAt.getTime() - 60_000) });
    expect(await w.dispatchNow()).toBe(0);
    await setJobsClock(appDb(), { advanceMs: 60_000 });
    const reminded = completed(w, reminder.id);
    expect(await w.dispatchNow()).toBe(1);
    await reminded;
    await setJobsClock(appDb(), { reset: true });

    const emails = (await outboxOf(a.id)).filter((e) => e.to === a.patients[0]!.email);
    expect(emails.map((e) => e.template)).toEqual(["appointment-confirmation", "appointment-reminder"]);
    expect((await jobsFor(confirmation.id)).map((j) => j.state)).toEqual(["completed"]);
    await stopped(w);
  });

  test("killed between the provider's answer and the commit, then restarted: the email goes out once", async () => {
    const appt = await bookFollowUp(a, at(a, futureDate(2), "09:00"), a.patients[1]!.id);
    const confirmation = await confirmationOf(appt.id);

    const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/reminders-crash-worker.ts"], {
      env: { ...process.env, DATABASE_URL: requireDatabaseUrl() },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
      child.on("exit", (c, s) => resolve([c, s])),
    );
    expect({ code, signal, out: out.trim() }).toEqual({
      code: null,
      signal: "SIGKILL",
      out: `dispatched 1\nsent-uncommitted ${confirmation.id}`,
    });

    // Its transaction died with it: nothing stored, nothing marked; pg-boss still thinks the job runs.
    expect(await confirmationOf(appt.id)).toMatchObject({ state: "sending", attempts: 0, outboxId: null });
    expect((await outboxOf(a.id)).filter((e) => e.to === a.patients[1]!.email)).toEqual([]);
    expect(await jobsFor(confirmation.id)).toEqual([{ state: "active", retry_count: 0 }]);

    // A new worker notices the lost heartbeat, retries the job after its delay, and sends.
    const clock = new TestClock();
    const w = await worker({ clock });
    await tickUntil(clock, completed(w, confirmation.id));
    expect(await confirmationOf(appt.id)).toMatchObject({ state: "sent", attempts: 1 });
    const emails = (await outboxOf(a.id)).filter((e) => e.to === a.patients[1]!.email);
    expect(emails.map((e) => e.template)).toEqual(["appointment-confirmation"]);
    expect(await jobsFor(confirmation.id)).toEqual([{ state: "completed", retry_count: 1 }]);
    await stopped(w);
  });

  test("stopped while a job is in hand: stop waits for it, and it is sent", async () => {
    let entered!: () => void;
    const inHand = new Promise<void>((r) => (entered = r));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const w = await worker({
      hooks: {
        afterSend: async () => {
          entered();
          await gate;
        },
      },
    });
    const appt = await bookFollowUp(a, at(a, futureDate(3), "09:00"));
    const confirmation = await confirmationOf(appt.id);
    await w.dispatchNow();
    await inHand;
    const stopping = stopped(w, 10_000);
    release();
    await stopping;
    expect(await confirmationOf(appt.id)).toMatchObject({ state: "sent", attempts: 1 });
    expect(await jobsFor(confirmation.id)).toEqual([{ state: "completed", retry_count: 0 }]);
  });

  test("stopped while a job overruns the grace period: the job is retried, and the email still goes once", async () => {
    let entered!: () => void;
    const inHand = new Promise<void>((r) => (entered = r));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const w = await worker({
      hooks: {
        afterSend: async () => {
          entered();
          await gate;
        },
      },
    });
    const appt = await bookFollowUp(a, at(a, futureDate(4), "09:00"), a.patients[1]!.id);
    const confirmation = await confirmationOf(appt.id);
    await w.dispatchNow();
    await inHand;
    // pg-boss's shortest grace is one second; then it fails the job in hand so it will be retried.
    const stopping = stopped(w, 1000);
    await new Promise<void>((resolve) => w.boss.once("stopped", () => resolve()));
    expect(await jobsFor(confirmation.id)).toEqual([{ state: "retry", retry_count: 0 }]);
    release(); // the overrunning attempt still commits its send
    await stopping;
    expect(await confirmationOf(appt.id)).toMatchObject({ state: "sent", attempts: 1 });

    const clock = new TestClock();
    const next = await worker({ clock });
    await tickUntil(clock, completed(next, confirmation.id));
    expect((await outboxOf(a.id)).filter((e) => e.idempotencyKey.endsWith(confirmation.key))).toHaveLength(1);
    expect(await confirmationOf(appt.id)).toMatchObject({ state: "sent", attempts: 1 });
    expect(await jobsFor(confirmation.id)).toEqual([{ state: "completed", retry_count: 1 }]);
    await stopped(next);
  });
});

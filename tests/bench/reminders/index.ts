// Reminders at scale (npm run bench, BENCH_ONLY=reminders for this part alone). On a scratch
// database: 10,000 reminders fall due at once and go the whole way — dispatcher → pg-boss send
// jobs → render → outbox (no RESEND_API_KEY: the outbox is the sink) — through the production
// worker in a child process. Run 1 is clean; run 2 SIGKILLs the worker halfway and starts another.
// Each run checks zero losses and zero duplicates, and reports messages per second, wall time and
// the worker's peak memory beside the raw single-row INSERT rate at 8 clients measured here.
import { fork, type ChildProcess } from "node:child_process";
import os from "node:os";
import { performance } from "node:perf_hooks";
import path from "node:path";
import type pg from "pg";
import { createAdminPool } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { dropDatabase, ensureDatabaseExists } from "@/db/postgres";
import { figures, runLoad, type Figures } from "../load";
import { seedReminders } from "./seed";

const CLINICS = 100;
const PER_CLINIC = 100; // 10,000 reminders a run
const GOAL_RATIO = 0.03;

type Run = {
  label: string;
  total: number;
  wallMs: number;
  peakRssMb: number[];
  cpuSeconds: number[];
  sent: number;
  outbox: number;
  joined: number;
  retried: number;
  note: string;
};
type Usage = { peakRssMb: number; cpuSeconds: number };

/** Anchor: single-row INSERTs into messages by 8 clients for 5 s, as the table owner; rows removed after. */
async function insertAnchor(admin: pg.Pool): Promise<Figures> {
  const { rows } = await admin.query<{ clinic_id: string; id: string }>("SELECT clinic_id, id FROM patients LIMIT 100");
  const run = await runLoad({
    clients: 8,
    maxOps: 1_000_000,
    maxMs: 5000,
    op: async (i) => {
      const p = rows[i % rows.length]!;
      await admin.query(
        "INSERT INTO messages (clinic_id, patient_id, kind, key, due_at, state) VALUES ($1, $2, 'plan', $3, now() + interval '60 days', 'skipped')",
        [p.clinic_id, p.id, `anchor:${i}`],
      );
      return "inserted";
    },
  });
  await admin.query("DELETE FROM messages WHERE key LIKE 'anchor:%'");
  return figures(run);
}

function startWorkerProcess(url: string): Promise<ChildProcess> {
  // The outbox is the sink: never a real provider, whatever the shell exports.
  const { RESEND_API_KEY: _key, ...inherited } = process.env;
  const child = fork(path.resolve("tests/bench/reminders/worker-process.ts"), [], {
    execArgv: ["--import", "tsx"],
    env: {
      ...inherited,
      DATABASE_URL: url,
      NODE_ENV: "production",
      NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret",
    },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("message", () => resolve(child));
    child.once("exit", (code) => reject(new Error(`worker exited with ${code} before it was ready`)));
  });
}

function usage(child: ChildProcess): Promise<Usage> {
  return new Promise((resolve) => {
    child.once("message", (m: { peakRss: number; cpuSeconds: number }) =>
      resolve({ peakRssMb: m.peakRss / 1024 / 1024, cpuSeconds: m.cpuSeconds }),
    );
    child.send({ peak: true });
  });
}

const stopProcess = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });

async function counts(admin: pg.Pool, kind: string) {
  const { rows } = await admin.query<{ sent: number; finished: number; retried: number }>(
    `SELECT count(*) FILTER (WHERE state = 'sent')::int AS sent, count(*) FILTER (WHERE state IN ('sent', 'failed', 'skipped'))::int AS finished,
            count(*) FILTER (WHERE attempts > 1)::int AS retried
     FROM messages WHERE kind = $1`,
    [kind],
  );
  return rows[0]!;
}

/** Makes every reminder of this kind due now, then waits (polling counts) until all are finished. */
async function runOnce(admin: pg.Pool, url: string, kind: string, label: string, killAt: number | null): Promise<Run> {
  const total = (await admin.query<{ n: number }>("SELECT count(*)::int AS n FROM messages WHERE kind = $1", [kind]))
    .rows[0]!.n;
  let child = await startWorkerProcess(url);
  const used: Usage[] = [];
  const started = performance.now();
  await admin.query("UPDATE messages SET due_at = now() WHERE kind = $1", [kind]);
  await admin.query("SELECT pg_notify('junction_dispatch', '')");
  let note = "";
  const deadline = started + 10 * 60_000;
  for (;;) {
    const c = await counts(admin, kind);
    if (c.finished >= total) break;
    if (performance.now() > deadline)
      throw new Error(`${label}: only ${c.finished} of ${total} finished after 10 minutes`);
    if (killAt !== null && c.sent >= killAt) {
      used.push(await usage(child));
      child.kill("SIGKILL");
      const killedAt = performance.now();
      note = `killed at ${c.sent} sent (${((killedAt - started) / 1000).toFixed(1)} s)`;
      killAt = null;
      child = await startWorkerProcess(url);
      note += `, new worker up in ${((performance.now() - killedAt) / 1000).toFixed(1)} s`;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const wallMs = performance.now() - started;
  used.push(await usage(child));
  await stopProcess(child);
  const { rows } = await admin.query<{ sent: number; outbox: number; joined: number; retried: number }>(
    `SELECT (SELECT count(*)::int FROM messages WHERE kind = $1 AND state = 'sent') AS sent,
            (SELECT count(*)::int FROM email_outbox WHERE idempotency_key LIKE 'msg:%:' || $1 || ':%') AS outbox,
            (SELECT count(DISTINCT m.id)::int FROM messages m JOIN email_outbox o ON o.id = m.outbox_id WHERE m.kind = $1) AS joined,
            (SELECT count(*)::int FROM messages WHERE kind = $1 AND attempts > 1) AS retried`,
    [kind],
  );
  return {
    label,
    total,
    wallMs,
    peakRssMb: used.map((u) => u.peakRssMb),
    cpuSeconds: used.map((u) => u.cpuSeconds),
    ...rows[0]!,
    note,
  };
}

function report(anchor: Figures, runs: Run[]) {
  const goal = anchor.rate * GOAL_RATIO;
  console.log(
    `\nReminders — ${CLINICS} clinics × ${PER_CLINIC} appointments; worker: batch 50, 8 at a time, outbox sink (no provider).`,
  );
  console.log(`Load average ${os.loadavg()[0]!.toFixed(2)} on ${os.availableParallelism()} CPUs.`);
  const rows = [
    {
      path: "anchor: raw single-row INSERT into messages, 8 clients",
      ops: String(anchor.ops),
      "rate/s": anchor.rate.toFixed(0),
      "wall s": "5.0",
      "ratio vs anchor": "1 (anchor)",
      goal: "–",
      "peak RSS MB": "–",
      "lost/dup": "–",
      "met?": "–",
    },
    ...runs.map((r) => {
      const rate = r.sent / (r.wallMs / 1000);
      const lost = r.total - r.sent;
      const dup = r.outbox - r.joined;
      const ok = lost === 0 && dup === 0 && r.outbox === r.total;
      return {
        path: r.label,
        ops: String(r.sent),
        "rate/s": rate.toFixed(0),
        "wall s": (r.wallMs / 1000).toFixed(1),
        "ratio vs anchor": `${(rate / anchor.rate).toFixed(3)}×`,
        goal: `≥ ${GOAL_RATIO}× (${goal.toFixed(0)}/s)`,
        "peak RSS MB": r.peakRssMb.map((m) => m.toFixed(0)).join(" / "),
        "lost/dup": `${lost}/${dup}`,
        "met?": ok && rate >= goal ? "yes" : "NO",
      };
    }),
  ];
  console.table(rows);
  for (const r of runs) {
    console.log(
      `${r.label}: ${r.sent}/${r.total} sent, ${r.outbox} outbox rows, ${r.joined} distinct messages behind them, ${r.retried} with more than one attempt; ` +
        `worker CPU ${r.cpuSeconds.map((s) => `${s.toFixed(1)} s`).join(" + ")}${r.note ? `; ${r.note}` : ""}.`,
    );
  }
}

/** Runs on its own scratch database on the server at `serverUrl`, dropped at the end. */
export async function benchReminders(serverUrl: string) {
  const name = `junction_bench_rem_${process.pid}`;
  const url = await ensureDatabaseExists(serverUrl, name, { recreate: true });
  const admin = createAdminPool(url, 8);
  try {
    await migrateDatabase(url);
    console.log(`Seeding reminders: ${CLINICS} clinics × ${PER_CLINIC} appointments, two reminders each …`);
    const client = await admin.connect();
    try {
      await seedReminders(client, CLINICS, PER_CLINIC);
    } finally {
      client.release();
    }
    const anchor = await insertAnchor(admin);
    console.log(`  anchor: ${anchor.rate.toFixed(0)} single-row inserts/s at 8 clients; run 1 (clean) …`);
    const clean = await runOnce(admin, url, "reminder_24h", "10k due at once, clean run", null);
    console.log("  run 1 done; run 2 (worker SIGKILLed halfway, a new one started) …");
    const killed = await runOnce(
      admin,
      url,
      "reminder_2h",
      "10k due at once, worker killed at 5k",
      (CLINICS * PER_CLINIC) / 2,
    );
    report(anchor, [clean, killed]);
  } finally {
    await admin.end();
    await dropDatabase(serverUrl, name);
  }
}

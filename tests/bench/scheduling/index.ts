// What scheduling costs at scale (the second half of npm run bench, see ../index.ts). Seeds ~1M
// appointments on a scratch database, then measures raw-SQL anchors and the app's HTTP path:
// (a) booking, (b) 32 clients racing for the same slots, (c) free times (runs per clinician) against
// free ranges per clinician in SQL, (d) the abuse limits'
// cost on public booking (limiter.ts). Prints one table, the goals and whether they were met; asserts nothing.
import os from "node:os";
import pg from "pg";
import { createAdminPool } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { dropDatabase, ensureDatabaseExists } from "@/db/postgres";
import type { Figures } from "../load";
import { benchContention, type ContentionResult } from "./contention";
import { describeCpu } from "../cpu";
import { startBenchServer, type BenchServer, type Measured } from "./http";
import { benchLimiter, type LimiterResult } from "./limiter";
import { benchBooking, benchFreeSlots, type BookingResult, type FreeSlotsResult } from "./paths";
import { seedScheduling, type SeedResult } from "./seed";

const GOALS = {
  bookRatio: 0.1,
  bookP95: 100,
  raceP99: 250,
  freeRatio: 0.5,
  freeP95: 200,
  free28vs14: 1.5,
  limiterRatio: 0.8,
};

type Row = Record<
  "path" | "ops" | "rate/s" | "p50 ms" | "p95 ms" | "p99 ms" | "ratio vs anchor" | "goal" | "met?",
  string
>;

const ms = (x: number | null) => (x !== null && Number.isFinite(x) ? x.toFixed(1) : "–");
const server = (m: Measured) =>
  `server p50 ${ms(m.serverP50)} ms, ${m.statementsPerOp?.toFixed(1) ?? "–"} SQL statements per request`;
const yes = (ok: boolean) => (ok ? "yes" : "NO");

function row(path: string, f: Figures, ratio: string, goal: string, met: string): Row {
  return {
    path,
    ops: String(f.ops),
    "rate/s": f.rate.toFixed(0),
    "p50 ms": ms(f.p50),
    "p95 ms": ms(f.p95),
    "p99 ms": ms(f.p99),
    "ratio vs anchor": ratio,
    goal,
    "met?": met,
  };
}

type Results = {
  seed: SeedResult;
  scale: number;
  loadStart: number;
  http: BenchServer;
  booking: BookingResult;
  race: ContentionResult;
  free: FreeSlotsResult[];
  limiter: LimiterResult;
};

function report({ seed, scale, loadStart, http, booking, race, free, limiter }: Results) {
  const rows: Row[] = [];
  const summary: string[] = [];
  const bookRatio = booking.app.rate / booking.anchor.rate;
  const bookMet = bookRatio >= GOALS.bookRatio && booking.app.p95 <= GOALS.bookP95;
  rows.push(row("anchor 1: raw INSERT … ON CONFLICT, pg", booking.anchor, "1 (anchor)", "–", "–"));
  rows.push(
    row(
      "(a) book: HTTP → tRPC → tenant tx",
      booking.app,
      `${bookRatio.toFixed(3)}× of 1`,
      `≥ ${GOALS.bookRatio}×, p95 ≤ ${GOALS.bookP95}`,
      yes(bookMet),
    ),
  );
  summary.push(
    `(a) booking: ${booking.app.rate.toFixed(0)}/s = ${bookRatio.toFixed(3)}× the raw insert, p95 ${ms(booking.app.p95)} ms → ${bookMet ? "met" : "MISSED"}` +
      ` (${server(booking.app)}; outcomes: ${booking.app.outcomes})`,
  );

  const raceCountOk = race.expected !== null && race.booked === race.expected && race.ok200 === race.booked;
  const raceMet =
    raceCountOk && race.overlaps === 0 && race.fiveXx === 0 && race.deadlocksPg === 0 && race.p99 <= GOALS.raceP99;
  rows.push(
    row(
      "(b) race: 32 clients × 20 s, 100 offers",
      race,
      "–",
      `= expected, 0 overlap/5xx/deadlock, p99 ≤ ${GOALS.raceP99}`,
      yes(raceMet),
    ),
  );
  summary.push(
    `(b) contention: booked ${race.booked} (expected ${race.expected ?? "not determined"}, 200s seen ${race.ok200}), overlaps ${race.overlaps}, ` +
      `5xx ${race.fiveXx}, deadlocks ${race.deadlocksSeen} seen by the server / ${race.deadlocksPg} in pg_stat_database, ` +
      `p99 ${ms(race.p99)} ms → ${raceMet ? "met" : "MISSED"} (${server(race)})`,
  );
  summary.push(`    attempts: ${[...race.run.outcomes.entries()].map(([k, v]) => `${k}×${v}`).join(", ")}`);

  for (const f of free) {
    const ratio = f.app14.rate / f.anchor.rate;
    const growth = f.app28.p50 / f.app14.p50;
    const met14 = ratio >= GOALS.freeRatio && f.app14.p95 <= GOALS.freeP95;
    rows.push(row(`anchor 2: SQL free ranges per clinician 14d, ${f.clinic}`, f.anchor, "1 (anchor)", "–", "–"));
    rows.push(
      row(
        `(c) free slots 14d via HTTP, ${f.clinic}`,
        f.app14,
        `${ratio.toFixed(3)}× of 2`,
        `≥ ${GOALS.freeRatio}×, p95 ≤ ${GOALS.freeP95}`,
        yes(met14),
      ),
    );
    rows.push(
      row(
        `(c) free slots 28d via HTTP, ${f.clinic}`,
        f.app28,
        `p50 ${growth.toFixed(2)}× of 14d`,
        `≤ ${GOALS.free28vs14}× of 14d`,
        yes(growth <= GOALS.free28vs14),
      ),
    );
    rows.push(
      row(
        `  ↳ 14d via HTTP with fetch() as the bench's client, ${f.clinic}`,
        f.viaFetch14,
        `${(f.viaFetch14.rate / f.anchor.rate).toFixed(3)}× of 2`,
        "–",
        "–",
      ),
    );
    rows.push(
      row(
        `  ↳ 14d via createCaller (no HTTP, no superjson), ${f.clinic}`,
        f.direct14,
        `${(f.direct14.rate / f.anchor.rate).toFixed(3)}× of 2`,
        "–",
        "–",
      ),
    );
    rows.push(
      row(
        `  ↳ floor: me.clinics via HTTP (one query, no clinic tx), ${f.clinic}`,
        f.floor,
        `${(f.floor.rate / f.anchor.rate).toFixed(3)}× of 2`,
        "–",
        "–",
      ),
    );
    summary.push(
      `(c) ${f.clinic} (${f.appointmentsIn14d} appointments in the 14 days): ${ratio.toFixed(3)}× the SQL free-range anchor, p95 ${ms(f.app14.p95)} ms → ${met14 ? "met" : "MISSED"}; ` +
        `28 d takes ${growth.toFixed(2)}× 14 d → ${growth <= GOALS.free28vs14 ? "met" : "MISSED"} (14 d: ${server(f.app14)}; 28 d: server p50 ${ms(f.app28.serverP50)} ms)`,
    );
    summary.push(
      `    ↳ CPU per request, ${f.clinic} (this process: the clients, and the app's server on the HTTP paths): ` +
        `anchor ${describeCpu(f.cpu.anchor)}; app 14 d via HTTP ${describeCpu(f.cpu.app14)}; ` +
        `via createCaller ${describeCpu(f.cpu.direct14)}; floor ${describeCpu(f.cpu.floor)}`,
    );
  }
  const limiterMet = limiter.allBooked && limiter.ratio >= GOALS.limiterRatio;
  rows.push(row("(d) public booking, no abuse limits", limiter.without, "1 (reference)", "–", "–"));
  rows.push(
    row(
      "(d) public booking with abuse limits (3 counters)",
      limiter.with,
      `${limiter.ratio.toFixed(3)}× of no limits`,
      `≥ ${GOALS.limiterRatio}×, every op booked`,
      yes(limiterMet),
    ),
  );
  summary.push(
    `(d) abuse limits on public booking: ${limiter.with.rate.toFixed(0)}/s with vs ${limiter.without.rate.toFixed(0)}/s without = ${limiter.ratio.toFixed(3)}×, ` +
      `p50 ${ms(limiter.with.p50)} vs ${ms(limiter.without.p50)} ms → ${limiterMet ? "met" : "MISSED"} (outcomes ${limiter.outcomes})`,
  );
  console.log(
    `\nScheduling — scale ${scale} (${seed.regularClinics} regular clinics); seeded in ${(seed.seedMs / 1000).toFixed(1)} s, VACUUM ANALYZE ${(seed.vacuumMs / 1000).toFixed(1)} s`,
  );
  console.log(
    `Load average while measuring: ${loadStart.toFixed(2)} → ${os.loadavg()[0]!.toFixed(2)} on ${os.availableParallelism()} CPUs (other work on the machine skews every figure).`,
  );
  console.log(
    `Appointments: ${Object.entries(seed.appointments)
      .map(([k, v]) => `${k} ${v.toLocaleString("en-US")}`)
      .join(", ")}. 8 clients unless stated; latencies per operation.`,
  );
  console.log(`Checks: ${booking.check}`);
  for (const f of free) console.log(`        ${f.check}`);
  console.table(rows);
  for (const line of summary) console.log(line);
  const errors = [...http.errors.byCode.entries()].map(([k, v]) => `${k}×${v}`).join(", ");
  console.log(`tRPC errors seen by the server over the whole run: ${errors || "none"}`);
  return summary.filter((line) => !line.startsWith(" "));
}

/** No statement may hold a bench loop up for long. Applies to new sessions, so it runs before any pool connects. */
async function limitStatements(url: string, database: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`ALTER DATABASE ${database} SET statement_timeout = '5min'`);
  } finally {
    await client.end();
  }
}

/** Runs on its own scratch database on the server at `serverUrl`, dropped at the end. */
export async function benchScheduling(serverUrl: string, opts: { scale: number }): Promise<string[]> {
  const name = `junction_bench_sched_${process.pid}`;
  const url = await ensureDatabaseExists(serverUrl, name, { recreate: true });
  const admin = createAdminPool(url, 8);
  let http: BenchServer | null = null;
  try {
    await limitStatements(url, name);
    await migrateDatabase(url);
    const regular = Math.max(25, Math.round(1000 * opts.scale));
    console.log(
      `Seeding scheduling: ${regular} regular clinics × 10 clinicians, a packed clinic, a 20k clinic (scale ${opts.scale}) …`,
    );
    const seed = await seedScheduling(admin, regular, (m) => console.log(m));
    console.log(
      `Seeded in ${(seed.seedMs / 1000).toFixed(1)} s (+ VACUUM ANALYZE ${(seed.vacuumMs / 1000).toFixed(1)} s). Measuring …`,
    );
    const loadStart = os.loadavg()[0]!;
    http = await startBenchServer(url);
    const booking = await benchBooking(admin, http);
    console.log("  booking done; contention (20 s) …");
    const race = await benchContention(admin, http, regular + 3);
    console.log("  contention done; free slots …");
    const free: FreeSlotsResult[] = [];
    for (const [n, label] of [
      [regular, "regular clinic"],
      [regular + 1, "packed clinic"],
      [regular + 2, "20k clinic"],
    ] as const) {
      free.push(await benchFreeSlots(admin, http, n, label));
    }
    console.log("  free slots done; abuse limits on public booking …");
    const limiter = await benchLimiter(admin, url);
    return report({ seed, scale: opts.scale, loadStart, http, booking, race, free, limiter });
  } finally {
    await http?.close();
    await admin.end();
    await dropDatabase(serverUrl, name);
  }
}

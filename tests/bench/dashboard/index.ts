// What one owner-dashboard load costs (part of npm run bench, see ../index.ts). Seeds the
// scheduling bench's world (~1M appointments at scale 1) with every appointment's emails (~3M
// messages) and a year of care (./seed-care.ts: episodes of care with intake and discharge ODI
// answers, home-exercise programs with the patients' ticks, visit charges, payments and a few
// refunds — ~80k episodes, ~1M exercise logs and ~1M ledger rows at scale 1), marks some past
// appointments of the measured clinics no-show or cancelled (some late; their ledger rows voided),
// then times loadDashboard — every KPI query
// of one page load, through the app's role and RLS in a clinic transaction — against the raw
// anchor: one count(*) … GROUP BY status over the same rows (both periods), as the table owner;
// and, for reference (no goal), the page's own statement run raw: every KPI's SQL as the table owner,
// outside a transaction and RLS, prepared with its generic plan — what the KPIs cost before the app
// adds its clinic transaction, the outcomes and adherence engines and its JavaScript.
// A typical clinic (~1k appointments a year) and the 20k clinic; 4 weeks and 12 months; 1 and 8
// concurrent owners. Prints figures, the goals and whether they were met; asserts nothing.
import { availableParallelism, loadavg } from "node:os";
import pg from "pg";
import { createAdminPool, createAppPool, drizzleFor } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { dropDatabase, ensureDatabaseExists } from "@/db/postgres";
import { dashboardScope, loadDashboard, overviewFragments } from "@/server/dashboard/load";
import { resolvePeriod } from "@/server/dashboard/period";
import type { DashboardFilters } from "@/server/dashboard/schemas";
import { fragmentsStatement } from "@/server/dashboard/statement";
import { localDateTime } from "@/server/scheduling/zoned-time";
import { withClinic } from "@/server/tenancy";
import { cpuTally, type CpuPerOp } from "../cpu";
import { loadBreakdown } from "./breakdown";
import { figures, inTurns, mergeRuns, runLoad, type Figures } from "../load";
import { seedScheduling, TZ } from "../scheduling/seed";
import { seedCare } from "./seed-care";

const GOALS = { typicalRatio: 8, bigRatio: 4, p95: 500 };

type Case = { clinic: "typical" | "20k"; period: "4 weeks" | "12 months"; clients: 1 | 8 };

/**
 * Some past appointments of one clinic become no-shows or cancellations (a third of those late).
 * Their ledger rows (seed-care.ts charged every completed visit) are voided, as taking an
 * appointment back from "completed" voids its charge (server/payments/charge-visit.ts); the
 * payment and any refund recorded against it with it, so the patient's balance stays even.
 */
async function varyStatuses(admin: pg.Pool, clinicId: string) {
  await admin.query(
    `UPDATE appointments SET
       status = (CASE WHEN (hashtext(id::text) & 2147483647) % 100 < 7 THEN 'no_show' ELSE 'cancelled' END)::appointment_status,
       updated_at = starts_at - (CASE WHEN (hashtext(id::text) & 2147483647) % 3 = 0 THEN interval '3 hours' ELSE interval '3 days' END)
     WHERE clinic_id = $1 AND starts_at < now() AND (hashtext(id::text) & 2147483647) % 100 < 13`,
    [clinicId],
  );
  await admin.query(
    `UPDATE payments p SET status = 'canceled', updated_at = now()
      FROM appointments a
     WHERE p.clinic_id = $1 AND p.status = 'succeeded' AND a.clinic_id = p.clinic_id AND a.id = p.appointment_id
       AND a.status IN ('no_show', 'cancelled')`,
    [clinicId],
  );
}

/** The bench's two periods: the last 4 weeks, and the 12 months (364 days) up to today. */
function filtersFor(period: Case["period"]): DashboardFilters {
  const today = localDateTime(new Date(), TZ).date;
  return period === "4 weeks"
    ? { preset: "last_4_weeks" }
    : {
        preset: "custom",
        from: new Date(Date.parse(`${today}T12:00:00Z`) - 364 * 86_400_000).toISOString().slice(0, 10),
        to: today,
      };
}

const ownerOf = (clinicId: string) =>
  ({ clinicId, timeZone: TZ, userId: "00000000-0000-0000-0000-000000000000", role: "owner" }) as const;

async function measure(app: pg.Pool, admin: pg.Pool, raw: pg.Pool, clinicId: string, c: Case) {
  const today = localDateTime(new Date(), TZ).date;
  const filters = filtersFor(c.period);
  const p = resolvePeriod(filters as { preset: "custom" }, today);
  const db = drizzleFor(app);
  const viewer = ownerOf(clinicId);
  // Enough samples that a p95 is a percentile, not the second-slowest of a handful (with 30, one
  // garbage collection or scheduler hiccup moved a cell's p95 by half).
  const ops = c.clients === 1 ? 160 : 320;
  const run = (op: () => Promise<unknown>, maxOps = ops) =>
    runLoad({ clients: c.clients, maxOps, maxMs: 30_000, op: async () => (await op(), "ok") });
  // Warm-up: every pooled connection prepares the dashboard statement once (server/dashboard/statement.ts),
  // the steady state of a running app.
  await run(() => withClinic(db, clinicId, (tx) => loadDashboard(tx, viewer, filters)), 6 * c.clients);
  const anchorOp = () =>
    admin.query(
      `SELECT status, count(*) FROM appointments
        WHERE clinic_id = $1 AND starts_at >= ($2::date::timestamp AT TIME ZONE $4)
          AND starts_at < ($3::date::timestamp AT TIME ZONE $4) GROUP BY status`,
      [clinicId, p.previousFrom, p.to, TZ],
    );
  const loadOp = () => withClinic(db, clinicId, (tx) => loadDashboard(tx, viewer, filters));
  // the page's statement, built once with this moment as its `now` (each load builds its own, with its own moment)
  const scope = dashboardScope(viewer, filters, new Date());
  const statement = fragmentsStatement(scope, overviewFragments(viewer, scope));
  const rawOp = () => raw.query({ name: statement.name, text: statement.sql, values: statement.params });
  // The anchor, the dashboard and the raw KPIs take turns in short rounds (each round: every owner runs two of
  // each, which goes first swapping every round; inTurns), so a burst of load from other work on the
  // machine falls on all three and the ratios compare like with like.
  const ok = (op: () => Promise<unknown>) => async () => (await op(), "ok");
  const rounds = Math.ceil(ops / (2 * c.clients));
  const cpu = [cpuTally(), cpuTally(), cpuTally()];
  const [anchorRuns, dashboardRuns, rawRuns] = await inTurns(
    [
      { ops, op: ok(anchorOp) },
      { ops, op: ok(loadOp) },
      { ops, op: ok(rawOp) },
    ],
    // 30 s at most a block, as a block of two loads an owner never comes near
    { clients: c.clients, rounds, maxMs: rounds * 30_000 },
    { before: (i) => cpu[i]!.open(), after: (i) => cpu[i]!.close() },
  );
  const anchor = figures(mergeRuns(anchorRuns!));
  const dashboard = figures(mergeRuns(dashboardRuns!));
  const rawKpis = figures(mergeRuns(rawRuns!));
  return {
    anchor,
    dashboard,
    rawKpis,
    cpu: { anchor: cpu[0]!.perOp(anchor.ops), dashboard: cpu[1]!.perOp(dashboard.ops) },
  };
}

const ms = (x: number) => x.toFixed(1);

/** CPU per operation as "node + PostgreSQL" ms (PostgreSQL's share where /proc tells it). */
const cpuCell = (cpu: CpuPerOp) =>
  `${cpu.nodeMs.toFixed(1)}${cpu.postgresMs === null ? "" : ` + ${cpu.postgresMs.toFixed(1)}`}`;

function report(
  rows: {
    c: Case;
    anchor: Figures;
    dashboard: Figures;
    rawKpis: Figures;
    cpu: Record<"anchor" | "dashboard", CpuPerOp>;
  }[],
) {
  const table = rows.map(({ c, anchor, dashboard, rawKpis, cpu }) => {
    const ratio = dashboard.p95 / anchor.p95;
    const limit = c.clinic === "typical" ? GOALS.typicalRatio : GOALS.bigRatio;
    return {
      clinic: c.clinic,
      period: c.period,
      owners: String(c.clients),
      "anchor p95 ms": ms(anchor.p95),
      "load p50 ms": ms(dashboard.p50),
      "load p95 ms": ms(dashboard.p95),
      "ratio p95": `${ratio.toFixed(1)}×`,
      "CPU/op ms anchor": cpuCell(cpu.anchor),
      "CPU/op ms load": cpuCell(cpu.dashboard),
      [`ratio goal`]: `≤ ${limit}× ${ratio <= limit ? "met" : "MISSED"}`,
      [`≤ ${GOALS.p95} ms`]: dashboard.p95 <= GOALS.p95 ? "met" : "MISSED",
      "raw KPIs p95 ms": ms(rawKpis.p95),
      "raw KPIs ÷ anchor": `${(rawKpis.p95 / anchor.p95).toFixed(1)}×`,
      "load ÷ raw KPIs": `${(dashboard.p95 / rawKpis.p95).toFixed(1)}×`,
    };
  });
  console.table(table);
  console.log(
    "CPU/op: node (this process: the owners' loads in JS, pg's parsing) + PostgreSQL (every backend), ms per operation. " +
      "At 8 owners both use the two cores fully, so a cell's ratio follows the ratio of these.",
  );
  console.log(
    "Raw KPIs (reference, no goal): the page's statement as the table owner, no transaction or RLS, generic plan — " +
      "every KPI's SQL alone; the load adds the clinic transaction, the outcomes and adherence engines and JavaScript.",
  );
  const count = (key: string) =>
    table.filter((r) => !String(r[key as keyof (typeof table)[number]]).includes("MISSED")).length;
  console.log(
    `Dashboard: ratio goals ${count("ratio goal")} of ${table.length} met; ≤ ${GOALS.p95} ms ${count(`≤ ${GOALS.p95} ms`)} of ${table.length} met.`,
  );
}

/**
 * Every appointment's emails, as a clinic that has run for a while has them: the confirmation
 * (sent), and the 24 h and 2 h reminders (nine in ten sent once the appointment has started, the
 * rest skipped; pending before). The dashboard's reminder KPI and the planner's view of the
 * messages table depend on them: without them the bench timed a dashboard that never met a
 * message (it once asked messages per appointment, ~25 ms per 10,000 appointments, unseen here).
 * Inserted with triggers off, then appointments.reminded is set by its definition (as migration
 * 0035 backfills it): one statement instead of a trigger's update per sent reminder.
 */
async function seedMessages(admin: pg.Pool) {
  const started = Date.now();
  const client = await admin.connect();
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL session_replication_role = replica");
    const { rowCount } = await client.query(`
      INSERT INTO messages (clinic_id, appointment_id, patient_id, kind, key, starts_at, due_at, state, sent_at)
      SELECT a.clinic_id, a.id, a.patient_id, k.kind::message_kind, 'appt:' || a.id || ':' || k.kind || ':' || a.starts_at,
             a.starts_at, d.due_at, d.state::message_state, CASE WHEN d.state = 'sent' THEN d.due_at END
        FROM appointments a
       CROSS JOIN (VALUES ('confirmation'), ('reminder_24h'), ('reminder_2h')) k(kind)
       CROSS JOIN LATERAL (
         SELECT CASE k.kind WHEN 'confirmation' THEN a.created_at WHEN 'reminder_24h' THEN a.starts_at - interval '24 hours'
                            ELSE a.starts_at - interval '2 hours' END AS due_at,
                CASE WHEN k.kind = 'confirmation' THEN 'sent'
                     WHEN a.starts_at >= now() THEN 'pending'
                     WHEN (hashtext(a.id::text || k.kind) & 2147483647) % 10 < 9 THEN 'sent' ELSE 'skipped' END AS state) d`);
    await client.query(`
      UPDATE appointments a SET reminded = true
       WHERE EXISTS (SELECT 1 FROM messages r WHERE r.clinic_id = a.clinic_id AND r.appointment_id = a.id
                        AND r.kind IN ('reminder_24h', 'reminder_2h') AND r.state = 'sent')`);
    await client.query("COMMIT");
    await client.query("VACUUM ANALYZE messages");
    console.log(`Seeded ${rowCount} messages in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}

/** Seeds the world unless `keep` and an earlier kept run already did (its migrations are brought up to date). */
async function seedOnce(admin: pg.Pool, opts: { scale: number; keep: boolean }) {
  if (opts.keep) {
    const { rows } = await admin.query<{ seeded: boolean }>(
      "SELECT to_regclass('bench.clinics') IS NOT NULL AS seeded",
    );
    if (rows[0]!.seeded) {
      const { rows: n } = await admin.query<{ count: string; messages: boolean; episodes: boolean }>(
        `SELECT count(*), EXISTS (SELECT 1 FROM messages) AS messages, EXISTS (SELECT 1 FROM episodes) AS episodes
           FROM appointments`,
      );
      console.log(`Reusing the kept dashboard bench database (${n[0]!.count} appointments).`);
      // a database kept by an older bench has no messages or no care (episodes, programs, payments) yet
      if (!n[0]!.messages) await seedMessages(admin);
      if (!n[0]!.episodes) await seedCare(admin);
      return;
    }
  }
  const regular = Math.max(25, Math.round(1000 * opts.scale));
  console.log(`Seeding the dashboard bench: ${regular} regular clinics and the 20k clinic (scale ${opts.scale}) …`);
  const seed = await seedScheduling(admin, regular, (m) => console.log(m));
  const total = Object.values(seed.appointments).reduce((a, b) => a + b, 0);
  console.log(`Seeded ${total} appointments in ${(seed.seedMs / 1000).toFixed(1)} s.`);
  await seedMessages(admin);
  await seedCare(admin);
}

/**
 * Runs on its own scratch database on the server at `serverUrl`, dropped at the end; with `keep`
 * (BENCH_KEEP=1) on junction_bench_dash, kept and reused by the next run (seeding takes minutes).
 */
export async function benchDashboard(serverUrl: string, opts: { scale: number; keep: boolean }) {
  const name = opts.keep ? "junction_bench_dash" : `junction_bench_dash_${process.pid}`;
  const url = await ensureDatabaseExists(serverUrl, name, { recreate: !opts.keep });
  const admin = createAdminPool(url, 8);
  const app = createAppPool(url, 8);
  // the raw KPIs' pool: the table owner, each connection keeping the statement's generic plan as the app does
  const raw = new pg.Pool({
    connectionString: url,
    max: 8,
    options: "-c jit=off -c plan_cache_mode=force_generic_plan",
  });
  try {
    await migrateDatabase(url);
    await seedOnce(admin, opts);
    const { rows } = await admin.query<{ kind: string; id: string }>(
      "SELECT kind, id FROM bench.clinics WHERE n = 1 OR kind = 'big'",
    );
    const typical = rows.find((r) => r.kind === "regular")!.id;
    const big = rows.find((r) => r.kind === "big")!.id;
    for (const id of [typical, big]) await varyStatuses(admin, id);
    // as after seeding: every table varyStatuses changed (the payments' status, and through their trigger the
    // patients' balances) is vacuumed, so the measured clinics' pages are all-visible again, as autovacuum leaves
    // them; left as they were, the ledger's index-only scan visited ~10,600 heap pages for the 20k clinic's year
    // and its balances read 86 rows through their dead versions (revenue 24 → 13.5 ms of its 46 ms)
    for (const table of ["appointments", "payments", "patient_balances"]) await admin.query(`VACUUM ANALYZE ${table}`);
    const load = () =>
      loadavg()
        .map((x) => x.toFixed(2))
        .join(", ");
    console.log(`Measuring … (load average ${load()} on ${availableParallelism()} cores)`);
    const results: Parameters<typeof report>[0] = [];
    for (const clinic of ["typical", "20k"] as const)
      for (const period of ["4 weeks", "12 months"] as const)
        for (const clients of [1, 8] as const) {
          const c = { clinic, period, clients };
          results.push({ c, ...(await measure(app, admin, raw, clinic === "typical" ? typical : big, c)) });
        }
    report(results);
    console.log(`Load average after measuring: ${load()} (absolute times are only comparable at similar load).`);
    // where the time goes at the two ends: the typical clinic's 4 weeks and the 20k clinic's 12 months
    for (const [label, id, period] of [
      ["typical clinic, 4 weeks", typical, "4 weeks"],
      ["20k clinic, 12 months", big, "12 months"],
    ] as const) {
      console.log(`\nOne load of the ${label}, by part (one owner; medians of runs in turns):`);
      console.table(await loadBreakdown(app, ownerOf(id), filtersFor(period)));
    }
  } finally {
    await raw.end();
    await app.end();
    await admin.end();
    if (!opts.keep) await dropDatabase(serverUrl, name);
  }
}

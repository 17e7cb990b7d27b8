// Where one dashboard statement's time goes: planning vs execution, custom vs generic plan, on the
// kept dashboard bench database (BENCH_KEEP=1 BENCH_ONLY=dashboard npm run bench seeds it). Run as
//   npx tsx tests/bench/dashboard/explain.ts
// (without DATABASE_URL: the embedded server under .data/postgres-bench). Prints a table; asserts nothing.
import pg from "pg";
import { appRoleUrl } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { startDatabaseServer, withDatabase } from "@/db/postgres";
import { dashboardScope, overviewFragments } from "@/server/dashboard/load";
import type { DashboardFilters } from "@/server/dashboard/schemas";
import { fragmentsStatement } from "@/server/dashboard/statement";
import { localDateTime } from "@/server/scheduling/zoned-time";
import { env } from "@/server/env";
import { TZ } from "../scheduling/seed";

type Plan = { "Planning Time": number; "Execution Time": number };
const literal = (v: unknown) => (v === null ? "NULL" : `'${String(v).replace(/'/g, "''")}'`);

/** The filters of the bench's two periods (as tests/bench/dashboard/index.ts builds them). */
export function benchFilters(period: "4 weeks" | "12 months"): DashboardFilters {
  const today = localDateTime(new Date(), TZ).date;
  if (period === "4 weeks") return { preset: "last_4_weeks" };
  const from = new Date(Date.parse(`${today}T12:00:00Z`) - 364 * 86_400_000).toISOString().slice(0, 10);
  return { preset: "custom", from, to: today };
}

async function main() {
  const server = await startDatabaseServer({ databaseUrl: env.DATABASE_URL, dataDir: ".data/postgres-bench" });
  try {
    await explainAll(withDatabase(server.url, "junction_bench_dash"));
  } finally {
    await server.stop();
  }
}

async function explainAll(url: string) {
  await migrateDatabase(url); // also sets junction_app's password for this server's port
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const { rows: clinics } = await admin.query<{ kind: string; id: string }>(
    "SELECT kind, id FROM bench.clinics WHERE n = 1 OR kind = 'big'",
  );
  await admin.end();
  const table = [];
  for (const [label, kind] of [
    ["typical", "regular"],
    ["20k", "big"],
  ] as const)
    for (const period of ["4 weeks", "12 months"] as const) {
      const clinicId = clinics.find((c) => c.kind === kind)!.id;
      const viewer = { clinicId, timeZone: TZ, userId: "00000000-0000-0000-0000-000000000000", role: "owner" as const };
      const s = dashboardScope(viewer, benchFilters(period), new Date());
      const q = fragmentsStatement(s, overviewFragments(viewer, s));
      const app = new pg.Client({ connectionString: appRoleUrl(url), options: "-c jit=off" });
      await app.connect();
      const explain = async (text: string, values: unknown[] = []) => {
        const { rows } = await app.query(`EXPLAIN (ANALYZE, BUFFERS, SUMMARY, FORMAT JSON) ${text}`, values);
        return (rows[0]["QUERY PLAN"] as Plan[])[0]!;
      };
      const min = async (times: number, f: () => Promise<Plan>) => {
        const plans: Plan[] = [];
        for (let i = 0; i < times; i++) plans.push(await f());
        const best = (k: keyof Plan) => Math.min(...plans.map((p) => p[k]));
        return { planning: best("Planning Time"), execution: best("Execution Time") };
      };
      await app.query("BEGIN");
      await app.query("SELECT set_config('app.clinic_id', $1, true)", [clinicId]);
      const custom = await min(5, () => explain(q.sql, q.params));
      // auto: what a pooled connection settles on after its first runs of the named statement
      for (let i = 0; i < 8; i++) await app.query({ name: q.name, text: q.sql, values: q.params });
      const { rows: cache } = await app.query(
        "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = $1",
        [q.name],
      );
      const execute = `EXECUTE ${q.name}(${q.params.map(literal).join(", ")})`;
      const auto = await min(5, () => explain(execute));
      await app.query("SELECT set_config('plan_cache_mode', 'force_generic_plan', true)");
      const generic = await min(5, () => explain(execute));
      if (process.env.EXPLAIN_PLAN === `${label} ${period}`) {
        // EXPLAIN_PLAN="20k 12 months": the generic plan, node by node
        const { rows } = await app.query(`EXPLAIN (ANALYZE, BUFFERS, SUMMARY) ${execute}`);
        console.log(rows.map((r) => r["QUERY PLAN"]).join("\n"));
      }
      await app.query("ROLLBACK");
      await app.end();
      const f = (x: number) => x.toFixed(2);
      table.push({
        case: `${label} ${period}`,
        "custom plan ms": f(custom.planning),
        "custom exec ms": f(custom.execution),
        "auto: generic/custom runs": `${cache[0].generic_plans}/${cache[0].custom_plans}`,
        "auto plan ms": f(auto.planning),
        "auto exec ms": f(auto.execution),
        "generic plan ms": f(generic.planning),
        "generic exec ms": f(generic.execution),
      });
    }
  console.table(table);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});

// Where one dashboard load's time goes (part of the dashboard bench, ./index.ts): what each KPI
// fragment of the statement adds (the statement with every fragment against it without that one,
// in turns, run by run), the outcomes and adherence engines' own reads (their transaction less an
// empty one), and the empty clinic transaction itself. One owner, medians. A fragment that shares
// work with others (the period's counts `pc`, read by visits, attendance, utilization and reminders)
// shows only what it adds on top of them. Prints a table; asserts nothing.
import type pg from "pg";
import { drizzleFor, type Tx } from "@/db/client";
import { adherenceKpi, outcomesKpi, type AssignedProgram, type EpisodeRow } from "@/server/dashboard/care";
import { dashboardScope, overviewFragments, type Viewer } from "@/server/dashboard/load";
import type { DashboardFilters } from "@/server/dashboard/schemas";
import { runFragments, type Fragments } from "@/server/dashboard/statement";
import { withClinic } from "@/server/tenancy";
import { mediansInTurns } from "../load";

const RUNS = 30;
const WARM = 5;

/** Each op's median ms, run in turns (mediansInTurns). */
const inTurnsMedians = (ops: (() => Promise<unknown>)[]) => mediansInTurns(ops, { warm: WARM, runs: RUNS });

export async function loadBreakdown(app: pg.Pool, viewer: Viewer, filters: DashboardFilters) {
  const db = drizzleFor(app);
  const s = dashboardScope(viewer, filters, new Date());
  const overview = overviewFragments(viewer, s);
  const all: Fragments = overview;
  const keys = Object.keys(all);
  const inTx = <T>(fn: (tx: Tx) => Promise<T>) => withClinic(db, viewer.clinicId, fn);
  // each variant's built statement is reused run after run, as a page load reuses its own (statement.ts)
  const statement = (fragments: Fragments, name: string) => () =>
    inTx((tx) =>
      runFragments(tx, s, () => fragments, `breakdown:${viewer.clinicId}:${JSON.stringify(filters)}:${name}`),
    );
  const rows: Record<string, string>[] = [];
  for (const key of keys) {
    const without = Object.fromEntries(keys.filter((k) => k !== key).map((k) => [k, all[k]!]));
    const [full, less] = await inTurnsMedians([statement(all, "all"), statement(without, `without ${key}`)]);
    rows.push({ part: `statement: ${key}`, "adds ms": (full! - less!).toFixed(2) });
  }
  const k = await inTx((tx) =>
    runFragments<{ episodes: EpisodeRow[]; programs: AssignedProgram[] }>(tx, s, () => ({
      episodes: overview.episodes,
      programs: overview.programs,
    })),
  );
  const [empty, full, outcomes, adherence] = await inTurnsMedians([
    () => inTx(async () => null),
    statement(all, "all"),
    () => inTx((tx) => outcomesKpi(tx, s, k.episodes)),
    () => inTx((tx) => adherenceKpi(tx, s, k.programs)),
  ]);
  rows.push(
    { part: "the whole statement (its own round trip)", "adds ms": (full! - empty!).toFixed(2) },
    { part: `outcomes engine (${k.episodes.length} episodes)`, "adds ms": (outcomes! - empty!).toFixed(2) },
    { part: `adherence engine (${k.programs.length} programs)`, "adds ms": (adherence! - empty!).toFixed(2) },
    { part: "the clinic transaction (BEGIN + set_config, COMMIT)", "adds ms": empty!.toFixed(2) },
  );
  return rows;
}

// The dashboard's one statement: the period's appointments are read and counted once (`pc`,
// counts.ts), then every KPI fragment becomes one key of a single JSON object — a whole page load in
// one round trip. A new KPI adds a fragment (a parenthesized SQL expression, e.g. `visitsSql()` in
// attendance.ts) and its key in load.ts.
//
// Planning this statement costs more than running it for a small clinic (10–20 ms), and left to
// itself PostgreSQL re-plans it on every run (its generic plan's estimated cost looks worse than the
// custom plans', so `auto` never switches). So it is prepared once per connection under a name (a
// hash of its text, which holds no values) and executed with plan_cache_mode = force_generic_plan
// for that one statement (executeGeneric, db/client.ts): planning drops to ~0.2 ms, and the plan does
// not depend on the clinic or the period (tests/bench/dashboard/explain.ts measures both). The
// setting, the PREPARE when the connection has not seen the statement, the EXECUTE and restoring the
// setting are one simple-query send: one round trip, in the caller's clinic transaction, as
// junction_app under RLS.
import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { executeGeneric, statementName, type Tx } from "@/db/client";
import { periodCountsCte } from "./counts";
import type { DashboardScope } from "./scope";

const dialect = new PgDialect();

export type Fragments = Record<string, SQL>;

/** The statement's text (no values in it), its parameters and its prepared name (statementName: hashed once per text). */
export function fragmentsStatement(s: DashboardScope, fragments: Fragments) {
  const pairs = Object.entries(fragments).map(
    ([key, fragment]) => sql`${sql.raw(`'${key.replace(/[^A-Za-z]/g, "")}'`)}, ${fragment}`,
  );
  // Selected from a subquery: the same plan under one Subquery Scan, yet ~0.3 ms less per run than
  // the bare WITH … SELECT json_build_object(…) in interleaved runs of both (every bench clinic and
  // period, same answer; EXPLAIN ANALYZE's execution times are equal, so it is outside the plan's nodes).
  const query = dialect.sqlToQuery(
    sql`SELECT kpis FROM (WITH ${periodCountsCte(s)} SELECT json_build_object(${sql.join(pairs, sql`, `)}) AS kpis) page`,
  );
  const name = statementName(query.sql, "dashboard");
  return { ...query, name };
}

type Built = ReturnType<typeof fragmentsStatement>;
/** Built statements by what they depend on (see cachedStatement); null: this one cannot be reused. */
const builtStatements = new Map<string, { built: Built; nowAt: number[] } | null>();
const MAX_BUILT = 200;

/**
 * fragmentsStatement(s, fragments(s)), built once per `key` (what the statement depends on, except
 * the time): building the page's statement (~40 fragments) took ~0.5 ms of the server's CPU on every
 * load. Only `now` changes between loads of the same page, and it goes in as parameters holding
 * s.now itself; which ones is found by building the statement a second time with a `now` one
 * millisecond later. If anything else differs (a value worked out from now, a different text), the
 * statement is built on every load as before.
 */
export function cachedStatement(key: string, s: DashboardScope, fragments: (s: DashboardScope) => Fragments): Built {
  const hit = builtStatements.get(key);
  if (hit === null) return fragmentsStatement(s, fragments(s));
  if (hit) {
    const params = [...hit.built.params];
    for (const i of hit.nowAt) params[i] = s.now.toISOString();
    return { ...hit.built, params };
  }
  const built = fragmentsStatement(s, fragments(s));
  const later = { ...s, now: new Date(s.now.getTime() + 1) };
  const other = fragmentsStatement(later, fragments(later));
  const nowAt: number[] = [];
  let reusable = other.sql === built.sql && other.params.length === built.params.length;
  built.params.forEach((value, i) => {
    if (!reusable || value === other.params[i]) return;
    if (value === s.now.toISOString() && other.params[i] === later.now.toISOString()) nowAt.push(i);
    else reusable = false;
  });
  if (builtStatements.size >= MAX_BUILT) builtStatements.clear();
  builtStatements.set(key, reusable ? { built, nowAt } : null);
  return built;
}

/**
 * Runs the fragments as the one statement. `cacheKey`: everything the fragments depend on besides
 * s.now (the viewer and the scope's other fields), to reuse the built statement (cachedStatement).
 */
export async function runFragments<T extends Record<string, unknown>>(
  tx: Tx,
  s: DashboardScope,
  fragments: (s: DashboardScope) => { [K in keyof T]: SQL },
  cacheKey?: string,
): Promise<T> {
  const query = cacheKey
    ? cachedStatement(cacheKey, s, fragments as (s: DashboardScope) => Fragments)
    : fragmentsStatement(s, fragments(s) as Fragments);
  const result = await executeGeneric<{ kpis: T }>(tx, query, "dashboard");
  return result.rows[0]!.kpis;
}

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
  const query = dialect.sqlToQuery(
    sql`WITH ${periodCountsCte(s)} SELECT json_build_object(${sql.join(pairs, sql`, `)}) AS kpis`,
  );
  const name = statementName(query.sql, "dashboard");
  return { ...query, name };
}

export async function runFragments<T extends Record<string, unknown>>(
  tx: Tx,
  s: DashboardScope,
  fragments: { [K in keyof T]: SQL },
): Promise<T> {
  const query = fragmentsStatement(s, fragments as Fragments);
  const result = await executeGeneric<{ kpis: T }>(tx, query, "dashboard");
  return result.rows[0]!.kpis;
}

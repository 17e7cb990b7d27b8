// The dashboard's one statement: the period's appointments are read and counted once (`pc`,
// counts.ts), then every KPI fragment becomes one key of a single JSON object — a whole page load in
// one round trip. A new KPI adds a fragment (a parenthesized SQL expression, e.g. `visitsSql()` in
// attendance.ts) and its key in load.ts.
//
// Planning this statement costs more than running it for a small clinic (10–20 ms), and left to
// itself PostgreSQL re-plans it on every run (its generic plan's estimated cost looks worse than the
// custom plans', so `auto` never switches). So it is prepared once per connection under a name (a
// hash of its text, which holds no values) and executed with plan_cache_mode = force_generic_plan
// for that one statement: planning drops to ~0.2 ms, and the plan does not depend on the clinic or
// the period (tests/bench/dashboard/explain.ts measures both). The setting, the PREPARE when the
// connection has not seen the statement, the EXECUTE and restoring the setting are one simple-query
// send: one round trip, in the caller's clinic transaction, as junction_app under RLS.
import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";
import { statementName, type Tx } from "@/db/client";
import { periodCountsCte } from "./counts";
import type { DashboardScope } from "./scope";

const dialect = new PgDialect();

export type Fragments = Record<string, SQL>;

/** The statement's text (no values in it), its parameters and its prepared name. */
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

/** A parameter as an EXECUTE argument: a quoted literal, typed by the prepared statement. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return pg.escapeLiteral(String(value));
  throw new Error(`A dashboard statement parameter must be a string, number or boolean, not ${typeof value}`);
}

/** The statements each pooled connection has prepared (prepared statements outlive transactions). */
const preparedOn = new WeakMap<object, Set<string>>();

/** The simple-query text of one run: PREPARE (first time on this connection), generic plan, EXECUTE. */
export function genericRunText(query: { sql: string; params: unknown[]; name: string }, prepared: boolean): string {
  return [
    ...(prepared ? [] : [`PREPARE ${query.name} AS ${query.sql}`]),
    `SELECT set_config('junction.plan_cache_mode', current_setting('plan_cache_mode'), true),
            set_config('plan_cache_mode', 'force_generic_plan', true)`,
    `EXECUTE ${query.name}(${query.params.map(literal).join(", ")})`,
    "SELECT set_config('plan_cache_mode', current_setting('junction.plan_cache_mode'), true)",
  ].join(";\n");
}

export async function runFragments<T extends Record<string, unknown>>(
  tx: Tx,
  s: DashboardScope,
  fragments: { [K in keyof T]: SQL },
): Promise<T> {
  const query = fragmentsStatement(s, fragments as Fragments);
  // The transaction's own connection (drizzle keeps it private; the dashboard needs the simple protocol).
  const client = (tx._.session as unknown as { client: pg.ClientBase }).client;
  const names = preparedOn.get(client) ?? new Set<string>();
  preparedOn.set(client, names);
  let results: pg.QueryResult<{ kpis: T }>[];
  try {
    results = (await client.query(genericRunText(query, names.has(query.name)))) as unknown as typeof results;
  } catch (e) {
    // A failed run leaves the connection's prepared statements unknown: the next run on it mends
    // the list from its error (this transaction is lost either way).
    const code = (e as { code?: string }).code;
    if (code === "42P05") names.add(query.name); // prepared already (a run whose EXECUTE failed)
    if (code === "26000") names.delete(query.name); // not prepared after all
    throw e;
  }
  names.add(query.name);
  const result = results.find((r) => r.fields.some((f) => f.name === "kpis"))!;
  return result.rows[0]!.kpis;
}

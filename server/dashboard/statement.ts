// The dashboard's one statement: the period's appointments are read and counted once (`pc`,
// counts.ts), then every KPI fragment becomes one key of a single JSON object — a whole page load in
// one round trip. The statement is prepared by name (a hash of its text, which holds no values), so
// each connection plans it a few times and then keeps a generic plan: planning this statement
// costs more than running it for a small clinic. A new KPI adds a fragment (a parenthesized SQL
// expression, e.g. `visitsSql()` in attendance.ts) and its key in load.ts.
import { createHash } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Tx } from "@/db/client";
import { periodCountsCte } from "./counts";
import type { DashboardScope } from "./scope";

const dialect = new PgDialect();

export async function runFragments<T extends Record<string, unknown>>(
  tx: Tx,
  s: DashboardScope,
  fragments: { [K in keyof T]: SQL },
): Promise<T> {
  const pairs = Object.entries(fragments as Record<string, SQL>).map(
    ([key, fragment]) => sql`${sql.raw(`'${key.replace(/[^A-Za-z]/g, "")}'`)}, ${fragment}`,
  );
  const query = dialect.sqlToQuery(
    sql`WITH ${periodCountsCte(s)} SELECT json_build_object(${sql.join(pairs, sql`, `)}) AS kpis`,
  );
  const name = `dashboard_${createHash("sha1").update(query.sql).digest("hex").slice(0, 24)}`;
  const result = (await tx._.session.prepareQuery(query, undefined, name, false).execute()) as { rows: { kpis: T }[] };
  return result.rows[0]!.kpis;
}

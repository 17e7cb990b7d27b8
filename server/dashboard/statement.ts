// The dashboard's one statement: the period's appointments are read once (`pa`, scope.ts), then
// every KPI fragment becomes one key of a single JSON object — a whole page load in one round trip.
// A new KPI adds a fragment (a parenthesized SQL expression, e.g. `visitsSql()` in attendance.ts)
// and its key in load.ts.
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { periodAppointmentsCte, type DashboardScope } from "./scope";

export async function runFragments<T extends Record<string, unknown>>(
  tx: Tx,
  s: DashboardScope,
  fragments: { [K in keyof T]: SQL },
): Promise<T> {
  const pairs = Object.entries(fragments as Record<string, SQL>).map(
    ([key, fragment]) => sql`${key}::text, ${fragment}`,
  );
  const { rows } = await tx.execute<{ kpis: T }>(
    sql`WITH ${periodAppointmentsCte(s)} SELECT json_build_object(${sql.join(pairs, sql`, `)}) AS kpis`,
  );
  return rows[0]!.kpis;
}

// How a dashboard load talks to PostgreSQL (server/dashboard/statement.ts): every KPI, revenue
// included, in one round trip; the statement prepared once per connection and run with a generic plan
// (no re-planning on every load), without leaving that setting to the rest of the transaction.
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { appDb } from "@/db/client";
import { loadDashboard, type Viewer } from "@/server/dashboard/load";
import { withClinic } from "@/server/tenancy";
import { seedClinic, type SeededClinic } from "../fixtures/clinic";

let a: SeededClinic;
const owner = (): Viewer => ({ clinicId: a.id, timeZone: a.timeZone, userId: a.owner.id, role: "owner" });

beforeAll(async () => {
  a = await seedClinic();
});

afterEach(() => vi.restoreAllMocks());

describe("one dashboard load", () => {
  test("is one round trip to the database, revenue included", async () => {
    await withClinic(appDb(), a.id, async (tx) => {
      await loadDashboard(tx, owner(), { preset: "last_4_weeks" }); // the connection prepares it
      const sent = vi.spyOn(pg.Client.prototype, "query");
      const d = await loadDashboard(tx, owner(), { preset: "last_4_weeks" });
      expect(sent).toHaveBeenCalledTimes(1);
      expect(d.revenue.current).toEqual({ charged: 0, collected: 0, refunded: 0, outstanding: 0 });
    });
  });

  test("is planned once per connection (a generic plan), for both a month and a year", async () => {
    await withClinic(appDb(), a.id, async (tx) => {
      for (const filters of [
        { preset: "last_4_weeks" as const },
        { preset: "custom" as const, from: "2025-06-01", to: "2026-05-31" },
        { preset: "last_4_weeks" as const },
      ])
        await loadDashboard(tx, owner(), filters);
      const { rows } = await tx.execute<{ generic_plans: string; custom_plans: string; mode: string }>(
        sql`SELECT sum(generic_plans) AS generic_plans, sum(custom_plans) AS custom_plans,
                   current_setting('plan_cache_mode') AS mode
              FROM pg_prepared_statements WHERE name LIKE 'dashboard_%'`,
      );
      expect(Number(rows[0]!.generic_plans)).toBeGreaterThanOrEqual(3);
      expect(Number(rows[0]!.custom_plans)).toBe(0);
      // the rest of the transaction plans as it always does
      expect(rows[0]!.mode).toBe("auto");
    });
  });
});

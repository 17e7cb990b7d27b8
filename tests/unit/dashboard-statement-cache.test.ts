import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { dashboardScope, overviewFragments } from "@/server/dashboard/load";
import type { DashboardScope } from "@/server/dashboard/scope";
import { cachedStatement, fragmentsStatement } from "@/server/dashboard/statement";

const viewer = {
  clinicId: "6f1d7c4e-2b1a-4c55-9a0e-3d2b1c0a9f11",
  timeZone: "America/Denver",
  userId: "0b9e2f3a-5c4d-4e6f-8a7b-9c0d1e2f3a4b",
  role: "owner" as const,
};
const at = (iso: string) => dashboardScope(viewer, { preset: "last_4_weeks" }, new Date(iso));

describe("the dashboard's built statement, reused for the same page", () => {
  test("a later load of the same page gets the statement a fresh build gives, with its own time", () => {
    const [first, later] = [at("2026-12-07T15:00:00Z"), at("2026-12-07T18:30:00Z")];
    expect(later.period).toEqual(first.period); // the same page: only `now` moved
    const fragments = (s: DashboardScope) => overviewFragments(viewer, s);
    const key = `page ${Math.random()}`;
    expect(cachedStatement(key, first, fragments)).toEqual(fragmentsStatement(first, fragments(first)));
    const reused = cachedStatement(key, later, fragments);
    expect(reused).toEqual(fragmentsStatement(later, fragments(later)));
    expect(reused.params).toContain(later.now.toISOString());
    expect(reused.params).not.toContain(first.now.toISOString());
  });

  test("a statement holding a value worked out from the time is built anew on every load", () => {
    const [first, later] = [at("2026-12-07T15:00:00Z"), at("2026-12-07T18:30:00Z")];
    const inAnHour = (s: DashboardScope) => ({
      soon: sql`(${new Date(s.now.getTime() + 3_600_000).toISOString()}::timestamptz)`,
    });
    const key = `derived ${Math.random()}`;
    cachedStatement(key, first, inAnHour);
    expect(cachedStatement(key, later, inAnHour).params).toContain("2026-12-07T19:30:00.000Z");
  });
});

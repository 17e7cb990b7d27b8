// Dashboard periods are the clinic's local days: weeks start on Monday, months and quarters are
// calendar ones, and the previous period has the same number of days, just before.
import { describe, expect, test } from "vitest";
import { resolvePeriod, weeksOf } from "@/server/dashboard/period";

describe("periods on Sunday 8 March 2026 (the day the US clocks went forward)", () => {
  const today = "2026-03-08";
  test("this week is Monday 2 – Sunday 8 March; the week before is the previous one", () => {
    expect(resolvePeriod({ preset: "this_week" }, today)).toEqual({
      from: "2026-03-02",
      to: "2026-03-09",
      previousFrom: "2026-02-23",
      previousTo: "2026-03-02",
      days: 7,
    });
  });
  test("last 4 weeks end with this week", () => {
    expect(resolvePeriod({ preset: "last_4_weeks" }, today)).toMatchObject({
      from: "2026-02-09",
      to: "2026-03-09",
      days: 28,
    });
  });
  test("this month, last month and the quarter are calendar ones; the previous period has as many days", () => {
    expect(resolvePeriod({ preset: "this_month" }, today)).toMatchObject({
      from: "2026-03-01",
      to: "2026-04-01",
      previousFrom: "2026-01-29",
      days: 31,
    });
    expect(resolvePeriod({ preset: "last_month" }, today)).toMatchObject({
      from: "2026-02-01",
      to: "2026-03-01",
      days: 28,
    });
    expect(resolvePeriod({ preset: "quarter" }, today)).toMatchObject({
      from: "2026-01-01",
      to: "2026-04-01",
      days: 90,
    });
  });
});

test("last month in January is December of the year before; a custom period includes its last day", () => {
  expect(resolvePeriod({ preset: "last_month" }, "2027-01-15")).toMatchObject({ from: "2026-12-01", to: "2027-01-01" });
  expect(resolvePeriod({ preset: "custom", from: "2026-03-05", to: "2026-03-05" }, "2026-12-01")).toEqual({
    from: "2026-03-05",
    to: "2026-03-06",
    previousFrom: "2026-03-04",
    previousTo: "2026-03-05",
    days: 1,
  });
});

test("the weekly charts' weeks are the Mondays of every week the period touches", () => {
  expect(weeksOf({ from: "2026-03-04", to: "2026-03-17" })).toEqual(["2026-03-02", "2026-03-09", "2026-03-16"]);
});

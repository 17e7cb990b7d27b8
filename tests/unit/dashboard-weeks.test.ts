// The points the dashboard's weekly charts draw: one per week of the period; a past week without rows
// is zero for a count and a gap for a share, and a week that has not begun is a gap either way. And a
// clinic-local stamp in words, and counts and their changes as the clinic's locale writes numbers.
// And the heat map's shade steps.
import { describe, expect, test } from "vitest";
import {
  beforeWords,
  byWeek,
  change,
  comparisonWords,
  count,
  daysToCome,
  HEAT_STEPS,
  heatLevel,
  localStampWords,
  weekUnderWay,
  wholeWeeks,
} from "@/app/c/[clinicSlug]/dashboard/format";
import { resolvePeriod } from "@/server/dashboard/period";

// the quarter of Wednesday 11 March 2026: January to March, 14 weeks from Monday 29 December
const d = { period: resolvePeriod({ preset: "quarter" }, "2026-03-11"), today: "2026-03-11" };
const rows = [
  { week: "2026-01-05", visits: 7, noShows: 1 },
  { week: "2026-03-09", visits: 2, noShows: 0 },
];

describe("weekly points over this quarter, on 11 March", () => {
  test("counts: a past week without visits is 0, the weeks after this one are blank", () => {
    const points = byWeek(d, rows, (r) => r.visits, 0);
    expect(points).toHaveLength(14);
    expect(points[0]).toEqual({ week: "2025-12-29", value: 0 });
    expect(points[1]).toEqual({ week: "2026-01-05", value: 7 });
    // this week (Wednesday is its third day) counts its days so far
    expect(points.find((p) => p.week === "2026-03-09")).toEqual({ week: "2026-03-09", value: 2, soFar: true });
    expect(points.filter((p) => p.soFar)).toHaveLength(1);
    expect(points.filter((p) => p.value === null).map((p) => p.week)).toEqual([
      "2026-03-16",
      "2026-03-23",
      "2026-03-30",
    ]);
  });

  test("a second line gets the same rules", () => {
    const points = byWeek(
      d,
      rows,
      (r) => r.visits,
      null,
      (r) => r.noShows,
    );
    expect(points[0]).toEqual({ week: "2025-12-29", value: null, other: null });
    expect(points[1]).toEqual({ week: "2026-01-05", value: 7, other: 1 });
    expect(points.at(-1)).toEqual({ week: "2026-03-30", value: null, other: null });
  });
});

describe("the week under way, which the charts draw faded", () => {
  test("is the week today falls in, while the period lasts", () => {
    // Monday and Sunday are this week's; the next Monday is not
    for (const today of ["2026-03-09", "2026-03-15"]) expect(weekUnderWay("2026-03-09", { ...d, today })).toBe(true);
    expect(weekUnderWay("2026-03-09", { ...d, today: "2026-03-16" })).toBe(false);
    expect(weekUnderWay("2026-03-09", { ...d, today: "2026-03-08" })).toBe(false);
  });

  test("a period that ended mid-week leaves no week under way, even the week today falls in", () => {
    // February 2026 ended on a Saturday; on Sunday 1 March its last week (from Monday 23 February) is whole
    const february = resolvePeriod({ preset: "last_month" }, "2026-03-01");
    const points = byWeek({ period: february, today: "2026-03-01" }, rows, (r) => r.visits, 0);
    expect(points.at(-1)!.week).toBe("2026-02-23");
    expect(points.some((p) => p.soFar)).toBe(false);
    expect(comparisonWords({ period: february, today: "2026-03-01", comparedUntil: null }, "en-US")).toBe("");
  });

  test("utilization's weeks count whole (bookings still to come included): none of its points is so far", () => {
    const points = wholeWeeks(
      byWeek(
        d,
        rows,
        (r) => r.visits,
        null,
        (r) => r.noShows,
      ),
    );
    expect(points.find((p) => p.week === "2026-03-09")).toEqual({ week: "2026-03-09", value: 2, other: 0 });
    expect(points.some((p) => p.soFar)).toBe(false);
  });

  test("a week alone draws no chart, so the period line does not mention one", () => {
    const week = resolvePeriod({ preset: "this_week" }, "2026-03-11");
    expect(comparisonWords({ period: week, today: "2026-03-11", comparedUntil: "2026-03-04 12:00" }, "en-US")).toMatch(
      /with the whole period before\.$/,
    );
  });
});

describe("the at-risk list's last visit, a clinic-local stamp, in words", () => {
  test("as the clinic's locale writes a day and a time, whatever the browser's zone", () => {
    // 23:30 on the 4th in the clinic: a browser west of UTC must not make it the 3rd
    expect(localStampWords("2026-12-04 23:30", "en-US")).toBe("Fri, Dec 4, 11:30 PM");
    expect(localStampWords("2026-12-04 09:05", "en-GB")).toBe("Fri 4 Dec, 09:05");
  });
});

describe("counts and their change, as the clinic's locale writes numbers", () => {
  test("thousands are grouped; a fall reads with a minus sign", () => {
    expect(count(13000, "en-US")).toBe("13,000");
    expect(count(130000, "en-IN")).toBe("1,30,000");
    expect(change(13000, 0, "count", "en-GB")).toBe("+13,000 vs 0 the period before");
    expect(change(5, 1208, "count", "en-US")).toBe("−1,203 vs 1,208 the period before");
    expect(change(7, 7, "count")).toBe("0 vs 7 the period before");
    expect(change(12.5, 10, "percent")).toBe("+2.5 pts vs 10.0% the period before");
    expect(change(4.8, 7.1, "percent")).toBe("−2.3 pts vs 7.1% the period before");
    expect(change(10.02, 10.04, "percent")).toBe("0.0 pts vs 10.0% the period before");
  });
});

test("a period under way says how many of its days are still to come; one that is over or all ahead says so too", () => {
  // the quarter of Wednesday 11 March 2026 runs to Tuesday 31 March: 20 days after today
  expect(daysToCome(d.period, d.today)).toBe(20);
  // the last 4 weeks end with this week: on a Monday, the six days after it
  expect(daysToCome(resolvePeriod({ preset: "last_4_weeks" }, "2026-12-07"), "2026-12-07")).toBe(6);
  // on its last day nothing is to come; last month is over
  expect(daysToCome(resolvePeriod({ preset: "this_week" }, "2026-12-13"), "2026-12-13")).toBe(0);
  expect(daysToCome(resolvePeriod({ preset: "last_month" }, "2026-12-07"), "2026-12-07")).toBe(0);
  // a custom period wholly ahead: every one of its days
  const ahead = resolvePeriod({ preset: "custom", from: "2027-01-04", to: "2027-01-10" }, "2026-12-07");
  expect(daysToCome(ahead, "2026-12-07")).toBe(7);
});

test("the period line says what a period under way is compared with, in the clinic's locale", () => {
  const month = resolvePeriod({ preset: "this_month" }, "2026-12-07");
  expect(comparisonWords({ period: month, today: "2026-12-07", comparedUntil: "2026-11-07 16:52" }, "en-US")).toBe(
    "24 of its 31 days are still to come: its counts so far are compared with the period before up to the same point " +
      "(Sat, Nov 7, 4:52 PM); utilization, which counts bookings still to come, with the whole period before. " +
      "In the weekly charts (utilization's aside), the faded last point is this week so far.",
  );
  // its last day: nothing is to come, yet the day is not over
  const week = resolvePeriod({ preset: "this_week" }, "2026-12-13");
  expect(comparisonWords({ period: week, today: "2026-12-13", comparedUntil: "2026-12-06 09:05" }, "en-GB")).toMatch(
    /^Today is its last day: .* \(Sun 6 Dec, 09:05\);.*before\.$/,
  );
  // each card's change says the same
  expect(change(12, 9, "count", "en-US", beforeWords({ comparedUntil: "2026-11-07 16:52" }))).toBe(
    "+3 vs 9 by this point of the period before",
  );
  expect(change(8, 10.5, "percent", "en-US", beforeWords({ comparedUntil: null }))).toBe(
    "−2.5 pts vs 10.5% the period before",
  );
  // over: nothing to add; wholly ahead: says so
  const last = resolvePeriod({ preset: "last_month" }, "2026-12-07");
  expect(comparisonWords({ period: last, today: "2026-12-07", comparedUntil: null }, "en-US")).toBe("");
  const ahead = resolvePeriod({ preset: "custom", from: "2027-01-04", to: "2027-01-10" }, "2026-12-07");
  expect(comparisonWords({ period: ahead, today: "2026-12-07", comparedUntil: null }, "en-US")).toBe(
    "All its days are still to come.",
  );
});

test("the heat map shades an hour by fifths of it booked: nothing, then five steps up to full", () => {
  expect([0, 0.01, 0.2, 0.21, 0.4, 0.6, 0.61, 0.8, 0.81, 1, 1.3].map(heatLevel)).toEqual([
    0, 1, 1, 2, 2, 3, 4, 4, 5, 5, 5,
  ]);
});

test("the heat map's legend names each shade by the shares heatLevel gives it", () => {
  expect(HEAT_STEPS.map((s) => s.label)).toEqual(["0%", "1–20%", "21–40%", "41–60%", "61–80%", "81–100%"]);
  for (const { level, label } of HEAT_STEPS) {
    const [low, high] = label
      .replace("%", "")
      .split("–")
      .map((n) => Number(n) / 100);
    expect(heatLevel(low!), label).toBe(level);
    expect(heatLevel(high ?? low!), label).toBe(level);
  }
});

// Adherence counting (server/programs/adherence.ts): sessions per week from the start date,
// capped at the prescribed days; today counts once it is done.
import { describe, expect, test } from "vitest";
import { computeAdherence } from "@/server/programs/adherence";

const count = (startDate: string, daysPerWeek: number, today: string, sessionDays: string[]) =>
  computeAdherence({ startDate, daysPerWeek, today, sessionDays });

describe("adherence", () => {
  test("nothing is expected before the start, nor on the first day until it is done", () => {
    expect(count("2026-03-02", 5, "2026-03-01", [])).toEqual({
      sessionsDone: 0,
      sessionsExpected: 0,
      percentDone: null,
    });
    expect(count("2026-03-02", 5, "2026-03-02", [])).toEqual({
      sessionsDone: 0,
      sessionsExpected: 0,
      percentDone: null,
    });
    expect(count("2026-03-02", 5, "2026-03-02", ["2026-03-02"])).toEqual({
      sessionsDone: 1,
      sessionsExpected: 1,
      percentDone: 100,
    });
  });

  test("a week expects its prescribed days, no more than the days so far", () => {
    expect(count("2026-03-02", 3, "2026-03-04", [])).toMatchObject({ sessionsExpected: 2 });
    expect(count("2026-03-02", 3, "2026-03-09", [])).toMatchObject({ sessionsExpected: 3 });
    expect(count("2026-03-02", 3, "2026-03-16", [])).toMatchObject({ sessionsExpected: 6 });
  });

  test("extra days in one week do not make up for another; days outside the plan do not count", () => {
    const everyDay = [
      "2026-03-02",
      "2026-03-03",
      "2026-03-04",
      "2026-03-05",
      "2026-03-06",
      "2026-03-07",
      "2026-03-08",
      "2026-03-01",
      "2026-03-20",
    ];
    expect(count("2026-03-02", 3, "2026-03-15", everyDay)).toEqual({
      sessionsDone: 3,
      sessionsExpected: 6,
      percentDone: 50,
    });
  });
});

// Adherence counting (server/programs/adherence.ts): sessions per week from the start date,
// capped at the prescribed days; today counts once it is done.
import { describe, expect, test } from "vitest";
import { computeAdherence, sessionDays } from "@/server/programs/adherence";
import { phaseSchedule, phasesOn, phaseStarts, phaseStatus } from "@/server/programs/phases";

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

describe("phases (server/programs/phases.ts) and the sessions they make", () => {
  // Phase 1 from Mon 2 March, phase 2 in week 3 (16 March), phase 3 on 30 March.
  const phases = [{}, { startWeek: 3 }, { startDate: "2026-03-30" }];

  test("each phase applies from its start; without starts every phase applies together", () => {
    expect(phaseStarts("2026-03-02", phases)).toEqual(["2026-03-02", "2026-03-16", "2026-03-30"]);
    expect(phasesOn(phaseSchedule("2026-03-02", phases), "2026-03-15")).toEqual([0]);
    expect(phasesOn(phaseSchedule("2026-03-02", phases), "2026-03-16")).toEqual([1]);
    expect(phasesOn(phaseSchedule("2026-03-02", phases), "2026-03-01")).toEqual([]);
    expect(phasesOn(phaseSchedule("2026-03-02", [{}, {}]), "2026-03-20")).toEqual([0, 1]);
  });

  test("a move starts the next phase early; a scheduled start that comes first still wins", () => {
    expect(phaseStarts("2026-03-02", phases, [{ phaseIndex: 1, startsOn: "2026-03-10" }])[1]).toBe("2026-03-10");
    expect(phaseStarts("2026-03-02", phases, [{ phaseIndex: 1, startsOn: "2026-03-20" }])[1]).toBe("2026-03-16");
  });

  test("moved on the program's first day, the next phase replaces the first at once", () => {
    const moved = [{ phaseIndex: 1, startsOn: "2026-03-02" }];
    expect(phasesOn(phaseSchedule("2026-03-02", phases, moved), "2026-03-02")).toEqual([1]);
    expect(phaseStatus("2026-03-02", phases, moved, "2026-03-02")).toMatchObject({
      current: [1],
      next: { index: 2, startsOn: "2026-03-30" },
    });
  });

  test("a day is a session when every exercise of that day's phase is done, not every exercise of the program", () => {
    const versions = [
      {
        version: 1,
        startDate: "2026-03-02",
        phases: [
          { title: "A", notes: null },
          { title: "B", notes: null, startWeek: 3 },
        ],
      },
    ];
    const sizes = [
      { version: 1, phase: 0, n: 4 },
      { version: 1, phase: 1, n: 5 },
    ];
    const days = sessionDays({
      versions,
      moves: [],
      sizes,
      ticks: [
        { version: 1, day: "2026-03-02", phase: 0, n: 4 },
        { version: 1, day: "2026-03-03", phase: 0, n: 3 },
        { version: 1, day: "2026-03-16", phase: 1, n: 5 },
        { version: 1, day: "2026-03-17", phase: 0, n: 4 },
      ],
    });
    expect(days.sort()).toEqual(["2026-03-02", "2026-03-16"]);
  });
});

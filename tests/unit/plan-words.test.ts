// The words beside a plan (issue 15, item 6): before anything is due the clinician reads when the
// plan starts, not "— (0 of 0)"; a phased plan says where the patient is and when the next phase starts.
import { describe, expect, test } from "vitest";
import { adherenceWords, phaseWords, todayIn } from "@/app/_components/program/plan-words";

const nothingYet = { percentDone: null, sessionsDone: 0, sessionsExpected: 0 };

describe("the adherence line", () => {
  test("before the first day it says when the plan starts", () => {
    expect(adherenceWords({ ...nothingYet, startsOn: "2026-03-09" }, "2026-03-06")).toEqual({
      figure: "—",
      words: "Plan starts Monday, March 9",
    });
  });

  test("on the first day, before the first session, it says the plan starts today", () => {
    const line = adherenceWords({ ...nothingYet, startsOn: "2026-03-09" }, "2026-03-09");
    expect(line.words).toBe("Plan starts today");
    expect(line.words).not.toMatch(/0 of 0/);
  });

  test("once sessions are due it gives the share done", () => {
    expect(
      adherenceWords({ percentDone: 67, sessionsDone: 4, sessionsExpected: 6, startsOn: "2026-03-02" }, "2026-03-12"),
    ).toEqual({ figure: "67%", words: "of prescribed sessions done (4 of 6)" });
  });
});

describe("the phase line", () => {
  test("names the current phase and when the next one starts", () => {
    expect(
      phaseWords(
        {
          number: 2,
          count: 4,
          title: "Build deep core stability",
          next: { number: 3, title: "Rebalance hip function", startsOn: "2026-03-30" },
        },
        "2026-03-20",
      ),
    ).toEqual({
      now: "Phase 2 of 4: Build deep core stability",
      next: "Next phase (Rebalance hip function) starts Monday, March 30",
    });
    expect(phaseWords({ number: 4, count: 4, title: "Retrain movement", next: null }, "2026-05-01").next).toBe(
      "Last phase",
    );
  });
});

test("today is the clinic's day, not the server's", () => {
  // 05:30 UTC on 10 March is still 9 March in Denver.
  expect(todayIn("America/Denver", new Date("2026-03-10T05:30:00Z"))).toBe("2026-03-09");
});

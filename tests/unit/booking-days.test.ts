// The date strip's pure parts: a clinic-local day's bounds (DST days too), counts per day, and the
// morning / afternoon / evening split.
import { describe, expect, test } from "vitest";
import { byDayPart, countFreeByDay, dayBounds } from "@/server/booking/days";
import { timeLabel } from "@/app/book/[clinicSlug]/_day-picker/labels";

const TZ = "America/Los_Angeles";
const at = (iso: string) => new Date(iso);

describe("date strip days", () => {
  test("a day's bounds are its local midnights, 23 or 25 hours apart on DST days", () => {
    expect(dayBounds("2026-12-09", TZ)).toEqual({ from: at("2026-12-09T08:00:00Z"), to: at("2026-12-10T08:00:00Z") });
    const spring = dayBounds("2026-03-08", TZ);
    expect(spring.to.getTime() - spring.from.getTime()).toBe(23 * 3_600_000);
    const fall = dayBounds("2026-11-01", TZ);
    expect(fall.to.getTime() - fall.from.getTime()).toBe(25 * 3_600_000);
  });

  test("counts distinct starts per local day, every day of the page listed", () => {
    const step = 15;
    const nine = at("2026-12-09T17:00:00Z").getTime(); // 9:00 local
    const late = at("2026-12-10T07:45:00Z").getTime(); // 23:45 local, still the 9th
    const runs = [
      { clinicianId: "a", stepMinutes: step, runs: [[nine, 4] as [number, number], [late, 1] as [number, number]] },
      { clinicianId: "b", stepMinutes: step, runs: [[nine, 2] as [number, number]] },
    ];
    expect(countFreeByDay(runs, "2026-12-08", 3, TZ)).toEqual([
      { date: "2026-12-08", free: 0 },
      { date: "2026-12-09", free: 5 },
      { date: "2026-12-10", free: 0 },
    ]);
  });

  test("morning is before noon, afternoon before 5 PM, evening after, by the clinic's clock", () => {
    const parts = byDayPart(
      [at("2026-12-09T19:45:00Z"), at("2026-12-09T20:00:00Z"), at("2026-12-10T00:59:00Z"), at("2026-12-10T01:00:00Z")],
      TZ,
    );
    expect(parts.morning.map((d) => d.toISOString())).toEqual(["2026-12-09T19:45:00.000Z"]);
    expect(parts.afternoon.map((d) => d.toISOString())).toEqual([
      "2026-12-09T20:00:00.000Z",
      "2026-12-10T00:59:00.000Z",
    ]);
    expect(parts.evening.map((d) => d.toISOString())).toEqual(["2026-12-10T01:00:00.000Z"]);
  });
});

describe("times on the booking page follow the clinic's locale", () => {
  test("a London clinic's times read 24-hour, a US clinic's 12-hour, each in its own zone", () => {
    const instant = at("2026-12-09T14:15:00Z");
    expect(timeLabel(instant, "Europe/London", "en-GB")).toBe("14:15");
    expect(timeLabel(instant, TZ, "en-US")).toBe("6:15 AM");
  });
});

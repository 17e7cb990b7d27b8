// Wall clock ↔ UTC in four zones, across their DST changes, checked against brute force: walk UTC
// minute by minute, read each one's wall clock with Intl, and take the first that reads W or later.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  addDays,
  dayKeyOf,
  localDateTime,
  localDatesInRange,
  wallGridInstants,
  wallGridRuns,
  wallMinutesToUtc,
  wallTimeToUtc,
  zonedDay,
} from "@/server/scheduling/zoned-time";

const MIN = 60_000;
const DAY = 86_400_000;

/** Each zone's offset range (minutes) and the dates around its 2026 transitions. */
const ZONES: Record<string, { offsets: [number, number]; dates: string[] }> = {
  "America/Los_Angeles": {
    offsets: [-480, -420],
    dates: ["2026-03-07", "2026-03-08", "2026-03-09", "2026-10-31", "2026-11-01", "2026-11-02"],
  },
  "Europe/London": {
    offsets: [0, 60],
    dates: ["2026-03-28", "2026-03-29", "2026-03-30", "2026-10-24", "2026-10-25", "2026-10-26"],
  },
  "Asia/Kolkata": { offsets: [330, 330], dates: ["2026-03-08", "2026-03-29", "2026-11-01", "2026-12-31"] },
  "Australia/Lord_Howe": {
    offsets: [630, 660],
    dates: ["2026-04-04", "2026-04-05", "2026-04-06", "2026-10-03", "2026-10-04", "2026-10-05"],
  },
};
const zoneNames = Object.keys(ZONES);

const oracleFormat = new Map<string, Intl.DateTimeFormat>();
/** Independent wall-clock reading: en-CA parts, as naive ms (the wall time read as UTC). */
function wallNaive(t: number, zone: string): number {
  let f = oracleFormat.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    oracleFormat.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(t).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
}

/** Brute force: the first UTC minute whose wall clock reads `date` + `minutes` or later. */
function bruteWallToUtc(date: string, minutes: number, zone: string): number {
  const naive = Date.parse(`${date}T00:00:00Z`) + minutes * MIN;
  const [minOff, maxOff] = ZONES[zone]!.offsets;
  for (let t = naive - (maxOff + 120) * MIN; t <= naive - (minOff - 120) * MIN; t += MIN) {
    if (wallNaive(t, zone) >= naive) return t;
  }
  throw new Error("no instant found");
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
const arbZone = fc.constantFrom(...zoneNames);
const arbZoneDate = arbZone.chain((zone) =>
  fc.tuple(
    fc.constant(zone),
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...ZONES[zone]!.dates) },
      {
        weight: 1,
        arbitrary: fc
          .integer({ min: Date.UTC(2024, 0, 1) / DAY, max: Date.UTC(2028, 11, 31) / DAY })
          .map((d) => isoDate(d * DAY)),
      },
    ),
  ),
);
/** Minute-aligned instants near the transitions, or anywhere in 2024–2028. */
const arbInstant = arbZoneDate.chain(([zone, date]) =>
  fc.tuple(
    fc.constant(zone),
    fc.integer({ min: -14 * 60, max: 38 * 60 }).map((m) => Date.parse(`${date}T00:00:00Z`) + m * MIN),
  ),
);

describe("wallTimeToUtc", () => {
  test.each([
    ["America/Los_Angeles", "2026-03-09", "07:00", "2026-03-09T14:00:00Z", "the Monday after spring-forward is on PDT"],
    ["America/Los_Angeles", "2026-11-02", "07:00", "2026-11-02T15:00:00Z", "the Monday after fall-back is on PST"],
    [
      "America/Los_Angeles",
      "2026-03-08",
      "02:30",
      "2026-03-08T10:00:00Z",
      "a wall time in the gap is the moment the clock jumps (03:00 PDT)",
    ],
    [
      "America/Los_Angeles",
      "2026-11-01",
      "01:30",
      "2026-11-01T08:30:00Z",
      "a repeated wall time is its earlier reading (PDT)",
    ],
    [
      "America/Los_Angeles",
      "2026-11-01",
      "02:00",
      "2026-11-01T10:00:00Z",
      "02:00 on fall-back day happens once, on PST",
    ],
    ["Europe/London", "2026-03-29", "01:30", "2026-03-29T01:00:00Z", "London's gap ends at 02:00 BST"],
    ["Europe/London", "2026-10-25", "01:30", "2026-10-25T00:30:00Z", "London's repeated hour is read as BST"],
    ["Asia/Kolkata", "2026-03-08", "00:00", "2026-03-07T18:30:00Z", "Kolkata is +05:30 all year"],
    [
      "Australia/Lord_Howe",
      "2026-10-04",
      "02:15",
      "2026-10-03T15:30:00Z",
      "Lord Howe's 30-minute gap ends at 02:30 (+11)",
    ],
    [
      "Australia/Lord_Howe",
      "2026-04-05",
      "01:45",
      "2026-04-04T14:45:00Z",
      "Lord Howe's repeated half hour is read as +11",
    ],
    ["Australia/Lord_Howe", "2026-04-05", "24:00", "2026-04-05T13:30:00Z", "24:00 is the next local midnight (+10:30)"],
  ])("%s %s %s → %s (%s)", (zone, date, time, utc) => {
    expect(wallTimeToUtc(date, time, zone).toISOString()).toBe(new Date(utc).toISOString());
  });

  test("is the first instant whose wall clock reads the given time or later, for any date and time", () => {
    fc.assert(
      fc.property(arbZoneDate, fc.integer({ min: 0, max: 1440 }), ([zone, date], minutes) => {
        expect(wallTimeToUtc(date, hhmm(minutes), zone).getTime()).toBe(bruteWallToUtc(date, minutes, zone));
      }),
      { numRuns: 400 },
    );
  });

  test("reading an instant's wall clock and converting back returns it, or the earlier reading of a repeated time", () => {
    fc.assert(
      fc.property(arbInstant, ([zone, t]) => {
        const { date, minutes } = localDateTime(t, zone);
        const back = wallMinutesToUtc(date, minutes, zone);
        expect(localDateTime(back, zone)).toEqual({ date, minutes });
        expect([0, 30, 60]).toContain((t - back) / MIN);
      }),
      { numRuns: 400 },
    );
  });

  test("never goes backwards as the wall time moves forward, and 24:00 is the next day's 00:00", () => {
    fc.assert(
      fc.property(
        arbZoneDate,
        fc.integer({ min: 0, max: 1440 }),
        fc.integer({ min: 0, max: 1440 }),
        ([zone, date], a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(wallMinutesToUtc(date, lo, zone)).toBeLessThanOrEqual(wallMinutesToUtc(date, hi, zone));
          expect(wallTimeToUtc(date, "24:00", zone)).toEqual(wallTimeToUtc(addDays(date, 1), "00:00", zone));
        },
      ),
    );
  });

  test.each([
    ["2026-02-30", "07:00", "UTC"],
    ["2026-3-08", "07:00", "UTC"],
    ["2026-03-08", "7:00", "UTC"],
    ["2026-03-08", "24:01", "UTC"],
    ["2026-03-08", "12:60", "UTC"],
    ["2026-03-08", "07:00", "Mars/Olympus_Mons"],
  ])("rejects %s %s in %s with a RangeError", (date, time, zone) => {
    expect(() => wallTimeToUtc(date, time, zone)).toThrow(RangeError);
  });
});

describe("local calendar", () => {
  test("localDateTime reads the same date and time as Intl, to the second", () => {
    fc.assert(
      fc.property(arbInstant, fc.integer({ min: 0, max: 59_999 }), ([zone, t], ms) => {
        const wall = wallNaive(t + ms, zone);
        const midnight = Math.floor(wall / DAY) * DAY;
        expect(localDateTime(new Date(t + ms), zone)).toEqual({
          date: isoDate(midnight),
          minutes: (wall - midnight) / MIN,
        });
      }),
      { numRuns: 300 },
    );
  });

  test("localDatesInRange lists exactly the local dates the range touches, ascending", () => {
    fc.assert(
      fc.property(arbInstant, fc.integer({ min: 1, max: 4 * 1440 }), ([zone, from], minutes) => {
        const to = from + minutes * MIN;
        const seen = new Set<string>();
        for (let t = from; t < to; t += 15 * MIN) seen.add(isoDate(wallNaive(t, zone)));
        seen.add(isoDate(wallNaive(to - 1, zone)));
        expect(localDatesInRange(new Date(from), new Date(to), zone)).toEqual([...seen].sort());
      }),
      { numRuns: 200 },
    );
    expect(localDatesInRange(new Date(DAY), new Date(DAY), "UTC")).toEqual([]);
  });

  test("dayKeyOf names the weekday Intl names", () => {
    const weekday = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", weekday: "short" });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1) / DAY, max: Date.UTC(2100, 0, 1) / DAY }), (d) => {
        expect(dayKeyOf(isoDate(d * DAY))).toBe(weekday.format(d * DAY).toLowerCase());
      }),
    );
  });

  test("wallGridInstants is every instant of the local day whose wall time is on the grid", () => {
    fc.assert(
      fc.property(arbZoneDate, fc.constantFrom(5, 15, 20, 30, 45, 60, 90, 7), ([zone, date], step) => {
        const midnight = Date.parse(`${date}T00:00:00Z`);
        const expected: number[] = [];
        for (let t = midnight - 15 * 60 * MIN; t < midnight + DAY + 15 * 60 * MIN; t += MIN) {
          const wall = wallNaive(t, zone);
          if (isoDate(wall) === date && ((wall - midnight) / MIN) % step === 0) expected.push(t);
        }
        expect(wallGridInstants(zonedDay(date, zone), step, -Infinity, Infinity)).toEqual(expected);
        const [from, to] = [expected[1] ?? 0, (expected[4] ?? 0) + 1];
        expect(wallGridInstants(zonedDay(date, zone), step, from, to)).toEqual(
          expected.filter((t) => t >= from && t < to),
        );
      }),
      { numRuns: 60 },
    );
  });

  test("wallGridRuns holds the same instants as wallGridInstants, as runs on the step", () => {
    fc.assert(
      fc.property(
        arbZoneDate,
        fc.constantFrom(5, 15, 20, 30, 45, 60, 90, 7),
        fc.integer({ min: -2 * 60 * MIN, max: DAY + 2 * 60 * MIN }),
        fc.integer({ min: 0, max: DAY + 4 * 60 * MIN }),
        ([zone, date], step, offset, length) => {
          const day = zonedDay(date, zone);
          const from = Date.parse(`${date}T00:00:00Z`) + offset;
          const expand = (runs: [number, number][]) =>
            runs.flatMap(([first, count]) => Array.from({ length: count }, (_, i) => first + i * step * MIN));
          expect(expand(wallGridRuns(day, step, -Infinity, Infinity))).toEqual(
            wallGridInstants(day, step, -Infinity, Infinity),
          );
          expect(expand(wallGridRuns(day, step, from, from + length))).toEqual(
            wallGridInstants(day, step, from, from + length),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

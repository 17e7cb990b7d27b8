// The availability engine against a brute-force oracle that walks every UTC minute of the range,
// reads its wall clock with Intl and applies each booking rule literally — in four zones, on
// ranges that cross their DST changes.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { DayKey, Interval, WeeklyHours } from "@/db/schema";
import {
  findAvailableSlots,
  findFreeRuns,
  isSlotAvailable,
  runStarts,
  type AvailabilityInput,
  type Span,
  type UnavailableReason,
} from "@/server/scheduling/availability";

const MIN = 60_000;
const DAY = 86_400_000;
const WEEKDAYS: DayKey[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
type Clinician = AvailabilityInput["clinicians"][number];

/** Each zone's offset range (minutes) and the dates around its 2026 transitions. */
const ZONES: Record<string, { offsets: [number, number]; dates: string[] }> = {
  "America/Los_Angeles": {
    offsets: [-480, -420],
    dates: ["2026-03-07", "2026-03-08", "2026-10-31", "2026-11-01", "2026-06-15"],
  },
  "Europe/London": { offsets: [0, 60], dates: ["2026-03-28", "2026-03-29", "2026-10-24", "2026-10-25"] },
  "Asia/Kolkata": { offsets: [330, 330], dates: ["2026-03-08", "2026-11-01"] },
  "Australia/Lord_Howe": { offsets: [630, 660], dates: ["2026-04-04", "2026-04-05", "2026-10-03", "2026-10-04"] },
};

// ---- The oracle's own clock: Intl readings, and wall → UTC by scanning minutes -----------------
/** The oracle reads the same minutes again and again. */
function memo<T>(cache: Map<string, T>, key: string, make: () => T): T {
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key)!;
}
const formats = new Map<string, Intl.DateTimeFormat>();
const readings = new Map<string, number>();
/** The zone's wall clock at `t` as naive ms (the wall time read as if it were UTC). */
const wallNaive = (t: number, zone: string) =>
  memo(readings, `${zone}|${t}`, () => {
    const f = memo(
      formats,
      zone,
      () =>
        new Intl.DateTimeFormat("en-CA", {
          timeZone: zone,
          year: "numeric",
          month: "2-digit",
          day: "2-digit",
          hour: "2-digit",
          minute: "2-digit",
          second: "2-digit",
          hourCycle: "h23",
        }),
    );
    const p = Object.fromEntries(f.formatToParts(t).map((x) => [x.type, Number(x.value)]));
    return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) + (t % 1000);
  });
function wallOf(t: number, zone: string) {
  const naive = wallNaive(t, zone);
  const midnight = Math.floor(naive / DAY) * DAY;
  return { date: new Date(midnight).toISOString().slice(0, 10), minutes: (naive - midnight) / MIN };
}
const toMinutes = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3));
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
const weekdayOf = (date: string) => WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!;

const conversions = new Map<string, number>();
/** The first UTC minute whose wall clock reads `date` + `minutes` or later. */
const wallToUtc = (date: string, minutes: number, zone: string) =>
  memo(conversions, `${zone}|${date}|${minutes}`, () => {
    const naive = Date.parse(`${date}T00:00:00Z`) + minutes * MIN;
    let t = naive - (ZONES[zone]!.offsets[1] + 120) * MIN;
    while (wallNaive(t, zone) < naive) t += MIN;
    return t;
  });

/** Whether instant `u` lies in one of local `date`'s intervals, each bound converted on its own. */
const within = (intervals: Interval[], date: string, zone: string, u: number) =>
  intervals.some((i) => wallToUtc(date, toMinutes(i.start), zone) <= u && u < wallToUtc(date, toMinutes(i.end), zone));
/** [s, e) is covered iff s and every minute boundary inside it are (all bounds are whole minutes). */
function covered(s: number, e: number, inside: (u: number) => boolean): boolean {
  for (let u = Math.floor(s / MIN) * MIN + MIN; u < e; u += MIN) if (!inside(u)) return false;
  return inside(s);
}
const meets = (spans: Span[], s: number, e: number) =>
  spans.some((x) => x.startsAt < x.endsAt && x.startsAt.getTime() < e && s < x.endsAt.getTime());

/** The first booking rule that `s` breaks for clinician `c`, read literally; null if none. */
function oracleVerdict(input: AvailabilityInput, c: Clinician, s: number): UnavailableReason | null {
  const { date, minutes } = wallOf(s, input.timeZone);
  const clinicDay = input.clinicHours[weekdayOf(date)];
  const clinicianDay = (c.hours ?? input.clinicHours)[weekdayOf(date)];
  const end = s + input.type.durationMinutes * MIN;
  const now = input.now.getTime();
  if (!clinicDay.some((i) => toMinutes(i.start) < toMinutes(i.end))) return "CLOSED_DAY";
  if (
    !covered(s, end, (u) => within(clinicDay, date, input.timeZone, u) && within(clinicianDay, date, input.timeZone, u))
  )
    return "OUTSIDE_HOURS";
  if (meets(input.closures, s, end)) return "CLOSURE";
  if (meets(c.timeOff, s, end)) return "TIME_OFF";
  if (meets(c.busy, s, end + input.type.bufferMinutes * MIN)) return "BUSY";
  if (s < now + input.rules.minNoticeMinutes * MIN) return "TOO_SOON";
  if (s >= now + input.rules.maxAdvanceDays * DAY) return "TOO_FAR";
  if (s % MIN !== 0 || minutes % input.rules.granularityMinutes !== 0) return "OFF_GRID";
  return null;
}

/** Every UTC minute in [from, to) that breaks no rule, per clinician. */
function oracleSlots(input: AvailabilityInput): { clinicianId: string; starts: string[] }[] {
  return input.clinicians.map((c) => {
    const starts: string[] = [];
    for (let t = Math.ceil(input.from.getTime() / MIN) * MIN; t < input.to.getTime(); t += MIN) {
      if (wallOf(t, input.timeZone).minutes % input.rules.granularityMinutes !== 0) continue; // cheap pre-filter
      if (oracleVerdict(input, c, t) === null) starts.push(new Date(t).toISOString());
    }
    return { clinicianId: c.id, starts };
  });
}

// ---- Random clinics: hours on a 15-minute wall grid, spans and clock relative to the range -----
const arbMinuteOfDay = fc.oneof(
  fc.integer({ min: 0, max: 96 }).map((i) => i * 15),
  fc.constantFrom(0, 60, 90, 120, 150, 180, 1440), // where the clocks change, and the ends of the day
);
const arbInterval = fc
  .tuple(arbMinuteOfDay, arbMinuteOfDay)
  .map(([a, b]) => ({ start: hhmm(Math.min(a, b)), end: hhmm(Math.max(a, b)) }));
const arbDay = fc.oneof(
  { weight: 1, arbitrary: fc.constant<Interval[]>([]) },
  { weight: 4, arbitrary: fc.array(arbInterval, { minLength: 1, maxLength: 2 }) },
);
const arbWeek: fc.Arbitrary<WeeklyHours> = fc.record({
  mon: arbDay,
  tue: arbDay,
  wed: arbDay,
  thu: arbDay,
  fri: arbDay,
  sat: arbDay,
  sun: arbDay,
});
const arbSpan = fc.tuple(fc.integer({ min: -12 * 60, max: 4 * 1440 }), fc.integer({ min: 0, max: 6 * 60 }));
const arbInput: fc.Arbitrary<AvailabilityInput> = fc
  .record({
    zone: fc.constantFrom(...Object.keys(ZONES)),
    dateIndex: fc.nat(),
    startMinute: fc.integer({ min: -14 * 60, max: 24 * 60 }),
    lengthMinutes: fc.integer({ min: 30, max: 3 * 1440 }),
    nowMinute: fc.integer({ min: -3 * 1440, max: 1440 }),
    clinicHours: arbWeek,
    closures: fc.array(arbSpan, { maxLength: 2 }),
    clinicians: fc.array(
      fc.record({
        hours: fc.option(arbWeek, { nil: null, freq: 2 }),
        timeOff: fc.array(arbSpan, { maxLength: 2 }),
        busy: fc.array(arbSpan, { maxLength: 6 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    type: fc.record({
      durationMinutes: fc.constantFrom(15, 20, 30, 45, 60, 90),
      bufferMinutes: fc.constantFrom(0, 5, 10, 15),
    }),
    rules: fc.record({
      granularityMinutes: fc.constantFrom(5, 10, 15, 20, 30, 45, 60),
      minNoticeMinutes: fc.constantFrom(0, 60, 120, 1440),
      maxAdvanceDays: fc.constantFrom(1, 3, 60, 60),
    }),
  })
  .map((g) => {
    const dates = ZONES[g.zone]!.dates;
    const from = Date.parse(`${dates[g.dateIndex % dates.length]}T00:00:00Z`) + g.startMinute * MIN;
    const span = ([offset, length]: [number, number]): Span => ({
      startsAt: new Date(from + offset * MIN),
      endsAt: new Date(from + (offset + length) * MIN),
    });
    return {
      timeZone: g.zone,
      from: new Date(from),
      to: new Date(from + g.lengthMinutes * MIN),
      now: new Date(from + g.nowMinute * MIN),
      clinicHours: g.clinicHours,
      closures: g.closures.map(span),
      clinicians: g.clinicians.map((c, i) => ({
        id: `clinician-${i}`,
        hours: c.hours,
        timeOff: c.timeOff.map(span),
        busy: c.busy.map(span),
      })),
      type: g.type,
      rules: g.rules,
    };
  });

describe("findAvailableSlots, for random clinics in four zones across DST changes", () => {
  test("offers exactly the starts a minute-by-minute oracle accepts, clinicians in input order", () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const found = findAvailableSlots(input).map((c) => ({
          clinicianId: c.clinicianId,
          starts: c.starts.map((s) => s.toISOString()),
        }));
        expect(found).toEqual(oracleSlots(input));
      }),
      { numRuns: 200 },
    );
  });

  test("the runs the API sends expand to exactly the same starts, each run a maximal stretch one step apart", () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const slots = findAvailableSlots(input);
        findFreeRuns(input).forEach((c, i) => {
          expect(c.clinicianId).toBe(slots[i]!.clinicianId);
          expect(runStarts(c.runs, c.stepMinutes)).toEqual(slots[i]!.starts);
          const step = c.stepMinutes * MIN;
          // consecutive runs never join up: otherwise they would have been one run
          c.runs.slice(1).forEach(([first], k) => expect(first).not.toBe(c.runs[k]![0] + c.runs[k]![1] * step));
        });
      }),
      { numRuns: 200 },
    );
  });

  const soundness: [string, (input: AvailabilityInput, c: Clinician, s: number) => boolean][] = [
    [
      "lies, for its whole duration, in the clinic's and the clinician's hours of its local day",
      (input, c, s) => {
        const { date } = wallOf(s, input.timeZone);
        const inHours = (hours: WeeklyHours) =>
          covered(s, s + input.type.durationMinutes * MIN, (u) =>
            within(hours[weekdayOf(date)], date, input.timeZone, u),
          );
        return inHours(input.clinicHours) && inHours(c.hours ?? input.clinicHours);
      },
    ],
    [
      "is on a day the clinic opens",
      (input, _c, s) => input.clinicHours[weekdayOf(wallOf(s, input.timeZone).date)].some((i) => i.start < i.end),
    ],
    [
      "meets no closure and none of the clinician's time off",
      (input, c, s) => !meets([...input.closures, ...c.timeOff], s, s + input.type.durationMinutes * MIN),
    ],
    [
      "overlaps no busy span, counting its own buffer",
      (input, c, s) => !meets(c.busy, s, s + (input.type.durationMinutes + input.type.bufferMinutes) * MIN),
    ],
    [
      "is on the wall-clock grid",
      (input, _c, s) => s % MIN === 0 && wallOf(s, input.timeZone).minutes % input.rules.granularityMinutes === 0,
    ],
    [
      "respects notice, horizon and [from, to)",
      ({ from, to, now, rules }, _c, s) =>
        s >= from.getTime() &&
        s < to.getTime() &&
        s >= now.getTime() + rules.minNoticeMinutes * MIN &&
        s < now.getTime() + rules.maxAdvanceDays * DAY,
    ],
  ];
  test.each(soundness)("every slot %s", (_property, holds) => {
    fc.assert(
      fc.property(arbInput, (input) => {
        findAvailableSlots(input).forEach(({ starts }, i) =>
          starts.forEach((s) => expect(holds(input, input.clinicians[i]!, s.getTime())).toBe(true)),
        );
      }),
      { numRuns: 150 },
    );
  });

  test("each clinician's slots are ascending, without repeats", () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        for (const { starts } of findAvailableSlots(input)) {
          const ms = starts.map((s) => s.getTime());
          expect(ms).toEqual([...new Set(ms)].sort((a, b) => a - b));
        }
      }),
    );
  });
});

describe("isSlotAvailable", () => {
  const arbPick = fc.tuple(fc.double({ min: -0.2, max: 1.2, noNaN: true }), fc.nat(), fc.boolean(), fc.nat(59_999));
  const arbProbe = fc.tuple(arbInput, fc.array(arbPick, { minLength: 1, maxLength: 30 }));
  /** Instants to ask about: anywhere around the range, or inside one of its spans (where rules collide). */
  const probes = (input: AvailabilityInput, picks: [number, number, boolean, number][]) => {
    const spans = [...input.closures, ...input.clinicians.flatMap((c) => [...c.timeOff, ...c.busy])];
    return picks.map(([x, which, aligned, ms]) => {
      const span = which % 2 === 0 ? spans[(which / 2) % Math.max(spans.length, 1)] : undefined;
      const [a, b] = span
        ? [span.startsAt.getTime(), span.endsAt.getTime()]
        : [input.from.getTime(), input.to.getTime()];
      const t = a + Math.round((x * (b - a)) / MIN) * MIN;
      return aligned ? t : t + ms;
    });
  };

  test("agrees with findAvailableSlots: every offered start is ok, and a probed start in range is ok only if offered", () => {
    fc.assert(
      fc.property(arbProbe, ([input, picks]) => {
        findAvailableSlots(input).forEach(({ clinicianId, starts }) => {
          for (const s of starts) expect(isSlotAvailable(input, clinicianId, s)).toEqual({ ok: true });
          const offered = new Set(starts.map((s) => s.getTime()));
          for (const t of probes(input, picks).filter((t) => t >= input.from.getTime() && t < input.to.getTime())) {
            expect(isSlotAvailable(input, clinicianId, new Date(t)).ok).toBe(offered.has(t));
          }
        });
      }),
      { numRuns: 150 },
    );
  });

  test("names the first rule a start breaks, in the documented order, for any instant in or out of range", () => {
    fc.assert(
      fc.property(arbProbe, ([input, picks]) => {
        for (const c of input.clinicians) {
          for (const t of probes(input, picks)) {
            const reason = oracleVerdict(input, c, t);
            expect(isSlotAvailable(input, c.id, new Date(t))).toEqual(
              reason === null ? { ok: true } : { ok: false, reason },
            );
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

// ---- Example clinics -------------------------------------------------------------------------
const open = [{ start: "07:00", end: "19:00" }];
const weekdays: WeeklyHours = { mon: open, tue: open, wed: open, thu: open, fri: open, sat: [], sun: [] };
const clinic = (from: string, to: string, more: Partial<AvailabilityInput> = {}): AvailabilityInput => ({
  timeZone: "America/Los_Angeles",
  from: new Date(from),
  to: new Date(to),
  now: new Date("2026-01-01T00:00:00Z"),
  clinicHours: weekdays,
  closures: [],
  clinicians: [{ id: "ana", hours: null, timeOff: [], busy: [] }],
  type: { durationMinutes: 45, bufferMinutes: 15 },
  rules: { granularityMinutes: 15, minNoticeMinutes: 120, maxAdvanceDays: 365 },
  ...more,
});
const startsOf = (input: AvailabilityInput) => findAvailableSlots(input)[0]!.starts.map((s) => s.toISOString());

describe("a clinic open 07:00–19:00 on weekdays", () => {
  test.each([
    ["2026-03-09", "2026-03-09T14:00:00.000Z", "2026-03-10T01:15:00.000Z"], // the Monday after spring-forward: PDT
    ["2026-11-02", "2026-11-02T15:00:00.000Z", "2026-11-03T02:15:00.000Z"], // the Monday after fall-back: PST
  ])("on Monday %s, Los Angeles, the first slot is 07:00 local (%s) and the last 18:15", (monday, first, last) => {
    const from = Date.parse(`${monday}T00:00:00Z`); // Sunday afternoon in Los Angeles …
    const starts = startsOf(clinic(new Date(from).toISOString(), new Date(from + 1.5 * DAY).toISOString())); // … to Tuesday 04:00/05:00
    expect([starts[0], starts.at(-1), starts.length]).toEqual([first, last, 46]);
  });

  test("the Sunday of the spring-forward offers nothing, and says the clinic is closed", () => {
    const sunday = clinic("2026-03-08T08:00:00Z", "2026-03-09T07:00:00Z");
    expect(startsOf(sunday)).toEqual([]);
    expect(isSlotAvailable(sunday, "ana", new Date("2026-03-08T18:00:00Z"))).toEqual({
      ok: false,
      reason: "CLOSED_DAY",
    });
  });

  test("a booking blocks its time plus its buffer, and a new slot needs room for its own buffer", () => {
    const busy = [{ startsAt: new Date("2026-03-10T17:00:00Z"), endsAt: new Date("2026-03-10T18:00:00Z") }]; // 10:00–11:00 PDT
    const input = clinic("2026-03-10T14:00:00Z", "2026-03-10T20:00:00Z", {
      clinicians: [{ id: "ana", hours: null, timeOff: [], busy }],
    });
    const verdict = (iso: string) => isSlotAvailable(input, "ana", new Date(iso));
    expect(verdict("2026-03-10T16:00:00Z")).toEqual({ ok: true }); // 09:00–09:45, buffer to 10:00
    expect(verdict("2026-03-10T16:15:00Z")).toEqual({ ok: false, reason: "BUSY" }); // its buffer would run to 10:15
    expect(verdict("2026-03-10T18:00:00Z")).toEqual({ ok: true });
    expect(verdict("2026-03-10T18:05:00Z")).toEqual({ ok: false, reason: "OFF_GRID" });
    expect(verdict("2026-03-11T02:00:00Z")).toEqual({ ok: false, reason: "OUTSIDE_HOURS" }); // 19:00 local
    expect(startsOf(input)).not.toContain("2026-03-10T16:15:00.000Z");
  });

  test("reports the first rule broken, in order: closed day, hours, closure, time off, busy, notice, horizon, grid", () => {
    const at = new Date("2026-03-09T17:05:00Z"); // Monday 10:05 PDT
    const around = [{ startsAt: new Date("2026-03-09T16:00:00Z"), endsAt: new Date("2026-03-09T19:00:00Z") }];
    const ana = { id: "ana", hours: { ...weekdays, mon: [] }, timeOff: around, busy: around };
    const input = clinic("2026-03-09T00:00:00Z", "2026-03-10T00:00:00Z", {
      clinicHours: { ...weekdays, mon: [] },
      closures: around,
      clinicians: [ana],
      now: new Date("2026-03-09T12:00:00Z"),
      rules: { granularityMinutes: 15, minNoticeMinutes: 3 * 1440, maxAdvanceDays: 0 },
    });
    // Fix one rule at a time, in order; each verdict names the next rule still broken.
    const fixes: ((i: AvailabilityInput) => Partial<AvailabilityInput>)[] = [
      () => ({ clinicHours: weekdays }),
      () => ({ clinicians: [{ ...ana, hours: null }] }),
      () => ({ closures: [] }),
      () => ({ clinicians: [{ ...ana, hours: null, timeOff: [] }] }),
      () => ({ clinicians: [{ ...ana, hours: null, timeOff: [], busy: [] }] }),
      (i) => ({ rules: { ...i.rules, minNoticeMinutes: 0 } }),
      (i) => ({ rules: { ...i.rules, maxAdvanceDays: 1 } }),
      (i) => ({ rules: { ...i.rules, granularityMinutes: 5 } }),
    ];
    const inputs = fixes.reduce((all, fix) => [...all, { ...all.at(-1)!, ...fix(all.at(-1)!) }], [input]);
    const seen = inputs.map((i) => {
      const v = isSlotAvailable(i, "ana", at);
      return v.ok ? "ok" : v.reason;
    });
    expect(seen).toEqual([
      "CLOSED_DAY",
      "OUTSIDE_HOURS",
      "CLOSURE",
      "TIME_OFF",
      "BUSY",
      "TOO_SOON",
      "TOO_FAR",
      "OFF_GRID",
      "ok",
    ]);
  });

  test.each<[string, Partial<AvailabilityInput>]>([
    ["a zero duration", { type: { durationMinutes: 0, bufferMinutes: 0 } }],
    ["a negative buffer", { type: { durationMinutes: 30, bufferMinutes: -5 } }],
    ["a zero granularity", { rules: { granularityMinutes: 0, minNoticeMinutes: 0, maxAdvanceDays: 30 } }],
    ["an empty range", { to: new Date("2026-03-09T00:00:00Z") }],
    ["an unknown time zone", { timeZone: "America/Springfield" }],
  ])("rejects %s with a RangeError", (_label, more) => {
    const input = clinic("2026-03-09T00:00:00Z", "2026-03-10T00:00:00Z", more);
    expect(() => findAvailableSlots(input)).toThrow(RangeError);
    expect(() => isSlotAvailable(input, "ana", new Date("2026-03-09T17:00:00Z"))).toThrow(RangeError);
  });

  test("asking about a clinician who is not in the input is a RangeError", () => {
    expect(() =>
      isSlotAvailable(clinic("2026-03-09T00:00:00Z", "2026-03-10T00:00:00Z"), "bob", new Date("2026-03-09T17:00:00Z")),
    ).toThrow(RangeError);
  });
});

describe("Lord Howe Island, where the clock moves by 30 minutes", () => {
  const allWeek = Object.fromEntries(WEEKDAYS.map((d) => [d, [{ start: "00:00", end: "04:00" }]])) as WeeklyHours;
  test.each([
    // 2026-10-04 skips 02:00–02:30: 00:00–01:30 at +10:30, then 02:30–03:30 at +11.
    [
      "skips 02:00–02:30 on 2026-10-04, so that slot does not exist",
      "2026-10-03",
      ["13:30", "14:00", "14:30", "15:00", "15:30", "16:00", "16:30"],
    ],
    // 2026-04-05 repeats 01:30–02:00: 00:00–01:30 at +11, then 01:30 again on to 03:30 at +10:30.
    [
      "repeats 01:30–02:00 on 2026-04-05, so four opening hours hold nine half-hour slots",
      "2026-04-04",
      ["13:00", "13:30", "14:00", "14:30", "15:00", "15:30", "16:00", "16:30", "17:00"],
    ],
  ])("the clock %s (UTC times of the slots on %s)", (_what, utcDate, expected) => {
    const from = Date.parse(`${utcDate}T00:00:00Z`); // the UTC day that holds the local morning
    const input = clinic(new Date(from).toISOString(), new Date(from + DAY).toISOString(), {
      timeZone: "Australia/Lord_Howe",
      clinicHours: allWeek,
      type: { durationMinutes: 30, bufferMinutes: 0 },
      rules: { granularityMinutes: 30, minNoticeMinutes: 0, maxAdvanceDays: 365 },
    });
    expect(startsOf(input).map((s) => s.slice(11, 16))).toEqual(expected);
  });
});

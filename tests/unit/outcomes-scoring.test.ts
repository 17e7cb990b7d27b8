// Outcome instruments and the one scoring engine. Every expected number below is hard-coded from a
// published worked example or worked out by hand (the arithmetic is in the comments), never
// recomputed with the engine's formula: a wrong ODI is worse than none.
import { describe, expect, it } from "vitest";
import { INSTRUMENT_KEYS, INSTRUMENTS, getInstrument } from "@/server/outcomes/instruments";
import {
  assessProgress,
  formatChangeSize,
  formatScore,
  scoreAnswers,
  scoreNote,
  validateAnswers,
} from "@/server/outcomes/scoring";
import type { Answers, Instrument } from "@/server/outcomes/types";

const { nprs, odi, psfs, lefs, groc } = INSTRUMENTS;

const ODI_IDS = [
  "pain_intensity",
  "personal_care",
  "lifting",
  "walking",
  "sitting",
  "standing",
  "sleeping",
  "sex_life",
  "social_life",
  "travelling",
];

/** ODI answers from 10 section scores in published order; null leaves a section unanswered. */
const odiAnswers = (scores: (number | null)[]): Answers => {
  const values: Record<string, number> = {};
  scores.forEach((s, i) => {
    if (s !== null) values[ODI_IDS[i]!] = s;
  });
  return { values };
};

/** LEFS answers q1..q20 from 20 item scores; null leaves an item unanswered. */
const lefsAnswers = (scores: (number | null)[]): Answers => {
  const values: Record<string, number> = {};
  scores.forEach((s, i) => {
    if (s !== null) values[`q${i + 1}`] = s;
  });
  return { values };
};

/** PSFS answers from [name, rating] pairs into activity1, activity2, … */
const psfsAnswers = (pairs: [string, number][]): Answers => ({
  values: Object.fromEntries(pairs.map(([, r], i) => [`activity${i + 1}`, r])),
  names: Object.fromEntries(pairs.map(([n], i) => [`activity${i + 1}`, n])),
});

const scoreOf = (instrument: Instrument, answers: Answers) => {
  const r = scoreAnswers(instrument, answers);
  if (!r.ok) throw new Error(`expected a score, got: ${r.reason}`);
  return r;
};

const reasonOf = (instrument: Instrument, answers: Answers) => {
  const r = scoreAnswers(instrument, answers);
  if (r.ok) throw new Error(`expected no score, got ${r.score}`);
  return r.reason;
};

// LEFS case report (BMJ Case Reports, Table 1), item scores before and after a class; the
// published totals are 50 and 58.
const LEFS_PRE = [1, 2, 4, 4, 4, 1, 2, 3, 1, 4, 4, 1, 4, 3, 3, 3, 0, 3, 1, 2];
const LEFS_POST = [3, 3, 4, 4, 4, 4, 1, 4, 1, 4, 4, 3, 4, 3, 4, 1, 0, 0, 4, 3];

describe("instrument registry", () => {
  it("lists the five instruments in display order and looks them up by key", () => {
    expect(INSTRUMENT_KEYS).toEqual(["nprs", "odi", "psfs", "lefs", "groc"]);
    for (const key of INSTRUMENT_KEYS) expect(getInstrument(key)?.key).toBe(key);
    expect(getInstrument("koos")).toBeNull();
    expect(getInstrument("toString")).toBeNull();
    expect(getInstrument("")).toBeNull();
  });

  it("ships every instrument switched on, with the ODI flagged as needing a commercial licence", () => {
    for (const key of INSTRUMENT_KEYS) expect(INSTRUMENTS[key].enabledByDefault).toBe(true);
    expect(odi.licence.commercialUseNeedsPermission).toBe(true);
    expect(odi.licence.note).toMatch(/licence/i);
    expect(odi.licence.note).toMatch(/switch the ODI off/i);
    expect(odi.licence.note).toMatch(/Mapi/);
    for (const i of [nprs, psfs, lefs, groc]) expect(i.licence.commercialUseNeedsPermission).toBe(false);
  });

  it("pins the published facts: versions, MCIDs, directions, kinds, ranges", () => {
    expect([odi.version, odi.mcid.value, odi.better, odi.range, odi.unit, odi.decimals]).toEqual([
      "2.1a-plain",
      10,
      "lower",
      { min: 0, max: 100 },
      "%",
      1,
    ]);
    expect([nprs.mcid.value, nprs.better, nprs.range]).toEqual([2, "lower", { min: 0, max: 10 }]);
    expect([psfs.mcid.value, psfs.better, psfs.range, psfs.decimals]).toEqual([2, "higher", { min: 0, max: 10 }, 1]);
    expect([lefs.mcid.value, lefs.better, lefs.range, lefs.decimals]).toEqual([9, "higher", { min: 0, max: 80 }, 0]);
    expect([groc.mcid.value, groc.better, groc.range, groc.kind]).toEqual([3, "higher", { min: -7, max: 7 }, "change"]);
    for (const i of [nprs, odi, psfs, lefs]) expect(i.kind).toBe("status");
    expect(odi.scoring).toEqual({ method: "percentOfAnsweredMax", itemMax: 5, maxMissing: 1 });
    expect(lefs.scoring).toEqual({ method: "sum", maxMissing: 2, prorate: true });
    expect(psfs.scoring).toEqual({ method: "mean", minAnswered: 1 });
  });

  it("ODI: ten sections in published order, six statements each, only the sex-life section skippable", () => {
    expect(odi.items.map((i) => i.id)).toEqual(ODI_IDS);
    for (const item of odi.items) expect(item.options?.map((o) => o.value)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(odi.items.filter((i) => !i.required).map((i) => i.id)).toEqual(["sex_life"]);
    expect(odi.items.find((i) => i.id === "sex_life")?.title).toMatch(/if applicable/);
  });

  it("LEFS: the 20 published activities with the five published difficulty levels", () => {
    expect(lefs.items).toHaveLength(20);
    expect(lefs.items[0]!.prompt).toBe("Any of your usual work, housework or school activities");
    expect(lefs.items[11]!.prompt).toBe("Walking a mile");
    expect(lefs.items[17]!.prompt).toBe("Making sharp turns while running fast");
    expect(lefs.items[19]!.prompt).toBe("Rolling over in bed");
    expect(lefs.items[0]!.options).toEqual([
      { value: 0, label: "Extreme difficulty or unable to perform activity" },
      { value: 1, label: "Quite a bit of difficulty" },
      { value: 2, label: "Moderate difficulty" },
      { value: 3, label: "A little bit of difficulty" },
      { value: 4, label: "No difficulty" },
    ]);
  });

  it("PSFS: five patient-named 0–10 activities, the first required", () => {
    expect(psfs.items.map((i) => [i.id, i.required, i.patientNamed, i.min, i.max])).toEqual([
      ["activity1", true, true, 0, 10],
      ["activity2", false, true, 0, 10],
      ["activity3", false, true, 0, 10],
      ["activity4", false, true, 0, 10],
      ["activity5", false, true, 0, 10],
    ]);
    expect(psfs.items[0]!.anchors).toEqual({ min: "Unable to perform", max: "Able to perform at prior level" });
  });

  it("NPRS and GROC: their one item and anchors", () => {
    expect(nprs.items).toHaveLength(1);
    expect(nprs.items[0]!.anchors).toEqual({ min: "No pain", max: "Worst pain imaginable" });
    const options = groc.items[0]!.options!;
    expect(options).toHaveLength(15);
    expect(options[0]).toEqual({ value: -7, label: "A very great deal worse" });
    expect(options[7]).toEqual({ value: 0, label: "About the same" });
    expect(options[14]).toEqual({ value: 7, label: "A very great deal better" });
  });

  describe.each(INSTRUMENT_KEYS)("structure of %s", (key) => {
    const instrument = INSTRUMENTS[key];
    it("is well formed", () => {
      expect(instrument.key).toBe(key);
      const ids = instrument.items.map((i) => i.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id.length).toBeLessThanOrEqual(40);
      expect(instrument.mcid.value).toBeGreaterThan(0);
      expect(instrument.mcid.source.trim().length).toBeGreaterThan(20);
      expect(instrument.source.trim().length).toBeGreaterThan(20);
      expect(instrument.licence.note.trim().length).toBeGreaterThan(20);
      expect(instrument.licence.holder.trim().length).toBeGreaterThan(0);
      expect(instrument.description.trim()).not.toBe("");
      expect(instrument.instructions.trim()).not.toBe("");
      expect(instrument.items.some((i) => i.required)).toBe(true);

      let itemMin = Infinity;
      let itemMax = -Infinity;
      for (const item of instrument.items) {
        expect(item.prompt.trim()).not.toBe("");
        if (item.kind === "choice") {
          const values = item.options!.map((o) => o.value);
          expect(values.length).toBeGreaterThanOrEqual(2);
          values.forEach((v, i) => {
            expect(Number.isInteger(v)).toBe(true);
            if (i > 0) expect(v).toBe(values[i - 1]! + 1); // consecutive integers, ascending
          });
          for (const o of item.options!) expect(o.label.trim()).not.toBe("");
          expect(new Set(item.options!.map((o) => o.label)).size).toBe(values.length);
          itemMin = Math.min(itemMin, values[0]!);
          itemMax = Math.max(itemMax, values[values.length - 1]!);
        } else {
          expect(Number.isInteger(item.min)).toBe(true);
          expect(Number.isInteger(item.max)).toBe(true);
          expect(item.max!).toBeGreaterThan(item.min!);
          expect(item.anchors?.min.trim()).toBeTruthy();
          expect(item.anchors?.max.trim()).toBeTruthy();
          itemMin = Math.min(itemMin, item.min!);
          itemMax = Math.max(itemMax, item.max!);
        }
      }

      // The declared range is the one the scoring rule produces from the item range.
      const n = instrument.items.length;
      const rule = instrument.scoring;
      const expected =
        rule.method === "percentOfAnsweredMax"
          ? { min: 0, max: 100 }
          : rule.method === "sum"
            ? { min: itemMin * n, max: itemMax * n }
            : { min: itemMin, max: itemMax };
      expect(instrument.range).toEqual(expected);
      if (rule.method === "single") expect(n).toBe(1);
      if (rule.method === "percentOfAnsweredMax") {
        expect(itemMin).toBe(0);
        expect(itemMax).toBe(rule.itemMax);
      }
      if (rule.method === "percentOfAnsweredMax" || rule.method === "sum") expect(rule.maxMissing).toBeLessThan(n);
      expect(instrument.unit).toBe(rule.method === "percentOfAnsweredMax" ? "%" : "points");
      // The MCID fits inside the score range.
      expect(instrument.mcid.value).toBeLessThan(instrument.range.max - instrument.range.min);
    });
  });
});

describe("ODI scoring (Fairbank & Pynsent 2000)", () => {
  it("all ten sections answered: published example, total 16 of 50 → 32%", () => {
    // 2+2+2+2+2+2+2+1+1+0 = 16; 16/50 × 100 = 32
    const r = scoreOf(odi, odiAnswers([2, 2, 2, 2, 2, 2, 2, 1, 1, 0]));
    expect(r).toEqual({ ok: true, score: 32, answered: 10, total: 10, missing: [], adjusted: false });
  });

  it("one section missed (sex life not applicable): published example, total 16 of 45 → 35.5556, not rounded to 36", () => {
    // nine sections summing to 16; 16/45 × 100 = 35.5556 (kept; shown "35.6%")
    const r = scoreOf(odi, odiAnswers([2, 2, 2, 2, 2, 2, 2, null, 2, 0]));
    expect(r).toEqual({ ok: true, score: 35.5556, answered: 9, total: 10, missing: ["sex_life"], adjusted: true });
    expect(formatScore(odi, r.score)).toBe("35.6%");
  });

  it("the one allowed missing section can be any section", () => {
    // lifting missing, nine 5s = 45 of 45 → 100%
    expect(scoreOf(odi, odiAnswers([5, 5, null, 5, 5, 5, 5, 5, 5, 5])).score).toBe(100);
    // walking missing, total 17 of 45 = 37.7778%
    expect(scoreOf(odi, odiAnswers([3, 2, 2, null, 2, 2, 2, 2, 1, 1])).score).toBe(37.7778);
    // travelling missing, total 1 of 45 = 2.2222%
    expect(scoreOf(odi, odiAnswers([1, 0, 0, 0, 0, 0, 0, 0, 0, null])).score).toBe(2.2222);
  });

  it("keeps the score unrounded and shows it to one decimal", () => {
    // 23 of 50 = 46%; 21 of 50 = 42%; 33 of 45 = 73.33%; 34 of 45 = 75.56%; 12 of 45 = 26.67%
    expect(scoreOf(odi, odiAnswers([3, 3, 3, 3, 3, 2, 2, 2, 1, 1])).score).toBe(46);
    expect(scoreOf(odi, odiAnswers([3, 3, 3, 2, 2, 2, 2, 2, 1, 1])).score).toBe(42);
    expect(scoreOf(odi, odiAnswers([4, 4, 4, 4, 4, 4, 4, null, 4, 1])).score).toBe(73.3333);
    expect(scoreOf(odi, odiAnswers([4, 4, 4, 4, 4, 4, 4, null, 4, 2])).score).toBe(75.5556);
    const twelve = scoreOf(odi, odiAnswers([2, 2, 2, 2, 1, 1, 1, null, 1, 0]));
    expect([twelve.score, formatScore(odi, twelve.score)]).toEqual([26.6667, "26.7%"]);
  });

  it("all 0 → 0%, all 5 → 100%", () => {
    expect(scoreOf(odi, odiAnswers(Array(10).fill(0))).score).toBe(0);
    expect(scoreOf(odi, odiAnswers(Array(10).fill(5))).score).toBe(100);
  });

  it("one more than the allowed missing sections: no score, and says why", () => {
    expect(scoreAnswers(odi, odiAnswers([2, 2, 2, 2, 2, 2, 2, null, 2, null]))).toEqual({
      ok: false,
      reason:
        "2 of 10 sections are unanswered; the Oswestry Disability Index can be scored with at most 1 missing section.",
      answered: 8,
      missing: ["sex_life", "travelling"],
    });
    expect(reasonOf(odi, odiAnswers([1, 1, 1, 1, 1, 1, null, null, null, null]))).toBe(
      "4 of 10 sections are unanswered; the Oswestry Disability Index can be scored with at most 1 missing section.",
    );
    expect(reasonOf(odi, { values: {} })).toBe(
      "10 of 10 sections are unanswered; the Oswestry Disability Index can be scored with at most 1 missing section.",
    );
  });

  it("an out-of-range value (6, −1, 2.5) is an error naming the section, and gives no score", () => {
    for (const bad of [6, -1, 2.5, Number.NaN]) {
      const answers = odiAnswers([2, 2, bad, 2, 2, 2, 2, 2, 2, 2]);
      expect(validateAnswers(odi, answers, { complete: true })).toEqual([
        { itemId: "lifting", message: 'Choose one statement for "Lifting".' },
      ]);
      expect(reasonOf(odi, answers)).toBe(
        'An answer is not valid, so no score can be given: Choose one statement for "Lifting".',
      );
    }
  });

  it("submitting requires every section but sex life; a draft checks only what is present", () => {
    expect(validateAnswers(odi, odiAnswers([2, 2, 2, 2, 2, 2, 2, null, 2, 2]), { complete: true })).toEqual([]);
    expect(validateAnswers(odi, odiAnswers([2, 2, 2, null, 2, 2, 2, 2, 2, null]), { complete: true })).toEqual([
      { itemId: "walking", message: 'Choose one statement for "Walking".' },
      { itemId: "travelling", message: 'Choose one statement for "Travelling".' },
    ]);
    expect(
      validateAnswers(odi, odiAnswers([2, null, null, null, null, null, null, null, null, null]), { complete: false }),
    ).toEqual([]);
    expect(
      validateAnswers(odi, odiAnswers([2, 7, null, null, null, null, null, null, null, null]), { complete: false }),
    ).toEqual([{ itemId: "personal_care", message: 'Choose one statement for "Personal care".' }]);
  });

  it("an unknown item id is an error and gives no score", () => {
    const answers = { values: { ...odiAnswers(Array(10).fill(1)).values, driving: 2 } };
    expect(validateAnswers(odi, answers, { complete: true })).toEqual([
      { itemId: "driving", message: 'This questionnaire has no question "driving".' },
    ]);
    expect(scoreAnswers(odi, answers).ok).toBe(false);
  });

  it("a name on a section that takes none is an error", () => {
    const answers = { ...odiAnswers(Array(10).fill(1)), names: { lifting: "boxes" } };
    expect(validateAnswers(odi, answers, { complete: true })).toEqual([
      { itemId: "lifting", message: '"Lifting" does not take a name.' },
    ]);
  });
});

describe("LEFS scoring (Binkley et al. 1999)", () => {
  it("all 4s → 80, all 0s → 0", () => {
    expect(scoreOf(lefs, lefsAnswers(Array(20).fill(4)))).toEqual({
      ok: true,
      score: 80,
      answered: 20,
      total: 20,
      missing: [],
      adjusted: false,
    });
    expect(scoreOf(lefs, lefsAnswers(Array(20).fill(0))).score).toBe(0);
  });

  it("published case report: item scores before and after add up to the published 50 and 58", () => {
    expect(scoreOf(lefs, lefsAnswers(LEFS_PRE)).score).toBe(50);
    expect(scoreOf(lefs, lefsAnswers(LEFS_POST)).score).toBe(58);
  });

  it("one or two missing items are prorated and marked adjusted", () => {
    // q17 (scored 0) missing: 50 × 20 / 19 = 52.6316 (shown 53/80)
    const one = scoreOf(lefs, lefsAnswers(LEFS_PRE.map((s, i) => (i === 16 ? null : s))));
    expect(one).toEqual({ ok: true, score: 52.6316, answered: 19, total: 20, missing: ["q17"], adjusted: true });
    expect(formatScore(lefs, one.score)).toBe("53/80");
    // q17 and q18 (0 + 3) missing: 47 × 20 / 18 = 52.2222
    const two = scoreOf(lefs, lefsAnswers(LEFS_PRE.map((s, i) => (i === 16 || i === 17 ? null : s))));
    expect(two).toEqual({ ok: true, score: 52.2222, answered: 18, total: 20, missing: ["q17", "q18"], adjusted: true });
    // eighteen 4s: 72 × 20 / 18 = 80 exactly
    expect(scoreOf(lefs, lefsAnswers([...Array(18).fill(4), null, null])).score).toBe(80);
    // nineteen 1s: 19 × 20 / 19 = 20
    expect(scoreOf(lefs, lefsAnswers([null, ...Array(19).fill(1)])).score).toBe(20);
  });

  it("three missing items: no score, and says why", () => {
    expect(scoreAnswers(lefs, lefsAnswers(LEFS_PRE.map((s, i) => (i < 3 ? null : s))))).toEqual({
      ok: false,
      reason:
        "3 of 20 activities are unanswered; the Lower Extremity Functional Scale can be scored with at most 2 missing activities.",
      answered: 17,
      missing: ["q1", "q2", "q3"],
    });
  });

  it("out-of-range answers name the activity", () => {
    for (const bad of [5, -1, 1.5]) {
      const answers = lefsAnswers(LEFS_PRE.map((s, i) => (i === 11 ? bad : s)));
      expect(validateAnswers(lefs, answers, { complete: true })).toEqual([
        { itemId: "q12", message: 'Choose one answer for "Walking a mile".' },
      ]);
      expect(scoreAnswers(lefs, answers).ok).toBe(false);
    }
  });

  it("submitting requires every activity", () => {
    const errors = validateAnswers(lefs, lefsAnswers(LEFS_PRE.map((s, i) => (i === 5 ? null : s))), { complete: true });
    expect(errors).toEqual([{ itemId: "q6", message: 'Choose one answer for "Squatting".' }]);
    expect(validateAnswers(lefs, lefsAnswers([3, null, null]), { complete: false })).toEqual([]);
  });
});

describe("PSFS scoring (Stratford et al. 1995)", () => {
  it("three activities 3, 5, 6 → 14 / 3 = 4.6667, shown 4.7", () => {
    const r = scoreOf(
      psfs,
      psfsAnswers([
        ["Walking a mile", 3],
        ["Kneeling to garden", 5],
        ["Climbing stairs", 6],
      ]),
    );
    expect(r).toEqual({
      ok: true,
      score: 4.6667,
      answered: 3,
      total: 5,
      missing: ["activity4", "activity5"],
      adjusted: false,
    });
    expect(formatScore(psfs, r.score)).toBe("4.7");
  });

  it("five activities 2, 4, 7, 8, 10 → 31 / 5 = 6.2", () => {
    const r = scoreOf(
      psfs,
      psfsAnswers([
        ["Running", 2],
        ["Squatting", 4],
        ["Driving", 7],
        ["Sleeping", 8],
        ["Typing", 10],
      ]),
    );
    expect(r).toEqual({ ok: true, score: 6.2, answered: 5, total: 5, missing: [], adjusted: false });
  });

  it("shows the mean to 1 decimal (half up)", () => {
    // 3+4+5+5 = 17; 17/4 = 4.25 → "4.3".  1+1+2 = 4; 4/3 = 1.3333 → "1.3".  one activity 7 → 7
    expect(
      scoreOf(
        psfs,
        psfsAnswers([
          ["A", 3],
          ["B", 4],
          ["C", 5],
          ["D", 5],
        ]),
      ).score,
    ).toBe(4.25);
    expect(formatScore(psfs, 4.25)).toBe("4.3");
    expect(
      scoreOf(
        psfs,
        psfsAnswers([
          ["A", 1],
          ["B", 1],
          ["C", 2],
        ]),
      ).score,
    ).toBe(1.3333);
    expect(formatScore(psfs, 1.3333)).toBe("1.3");
    expect(scoreOf(psfs, psfsAnswers([["A", 7]])).score).toBe(7);
  });

  it("activities need not be consecutive", () => {
    // activity1 = 9, activity4 = 2 → 11/2 = 5.5
    const answers: Answers = {
      values: { activity1: 9, activity4: 2 },
      names: { activity1: "Lifting my child", activity4: "Running" },
    };
    expect(scoreOf(psfs, answers)).toEqual({
      ok: true,
      score: 5.5,
      answered: 2,
      total: 5,
      missing: ["activity2", "activity3", "activity5"],
      adjusted: false,
    });
  });

  it("no activity rated: no score, and says why", () => {
    expect(reasonOf(psfs, { values: {} })).toBe(
      "No activity is rated; the Patient-Specific Functional Scale needs at least 1 rated activity.",
    );
    expect(reasonOf(psfs, { values: {}, names: { activity1: "Walking" } })).toBe(
      "No activity is rated; the Patient-Specific Functional Scale needs at least 1 rated activity.",
    );
  });

  it("a rating without a name is an error", () => {
    const variants: (Record<string, string> | undefined)[] = [undefined, {}, { activity1: "" }, { activity1: "   " }];
    for (const names of variants) {
      const answers: Answers = { values: { activity1: 4 }, ...(names ? { names } : {}) };
      expect(validateAnswers(psfs, answers, { complete: false })).toEqual([
        { itemId: "activity1", message: "Name the activity before rating it." },
      ]);
      expect(scoreAnswers(psfs, answers).ok).toBe(false);
    }
  });

  it("a rating of 11, −1 or 4.5 is an error naming the patient's activity", () => {
    for (const bad of [11, -1, 4.5]) {
      const answers = psfsAnswers([["Walking a mile", bad]]);
      expect(validateAnswers(psfs, answers, { complete: true })).toEqual([
        { itemId: "activity1", message: 'Rate "Walking a mile" with a whole number from 0 to 10.' },
      ]);
      expect(scoreAnswers(psfs, answers).ok).toBe(false);
    }
  });

  it("an activity name over 120 characters is an error", () => {
    const answers = psfsAnswers([["x".repeat(121), 5]]);
    expect(validateAnswers(psfs, answers, { complete: true })).toEqual([
      { itemId: "activity1", message: "Keep the activity's name to 120 characters or fewer." },
    ]);
    expect(validateAnswers(psfs, psfsAnswers([["x".repeat(120), 5]]), { complete: true })).toEqual([]);
  });

  it("submitting needs a first activity, and a rating for every named activity", () => {
    expect(validateAnswers(psfs, { values: {} }, { complete: true })).toEqual([
      { itemId: "activity1", message: "Name an activity and rate it with a whole number from 0 to 10." },
    ]);
    const namedUnrated: Answers = { values: { activity1: 5 }, names: { activity1: "Walking", activity2: "Cycling" } };
    expect(validateAnswers(psfs, namedUnrated, { complete: true })).toEqual([
      { itemId: "activity2", message: 'Rate "Cycling" with a whole number from 0 to 10, or remove it.' },
    ]);
    expect(validateAnswers(psfs, namedUnrated, { complete: false })).toEqual([]);
    expect(validateAnswers(psfs, psfsAnswers([["Walking", 5]]), { complete: true })).toEqual([]);
  });

  it("a name for an unknown activity is an error", () => {
    const answers: Answers = { values: { activity1: 5 }, names: { activity1: "Walking", activity6: "Swimming" } };
    expect(validateAnswers(psfs, answers, { complete: false })).toEqual([
      { itemId: "activity6", message: 'This questionnaire has no question "activity6".' },
    ]);
  });
});

describe("NPRS scoring", () => {
  it("the score is the rating: 0, 10, 7", () => {
    expect(scoreOf(nprs, { values: { pain: 0 } })).toEqual({
      ok: true,
      score: 0,
      answered: 1,
      total: 1,
      missing: [],
      adjusted: false,
    });
    expect(scoreOf(nprs, { values: { pain: 10 } }).score).toBe(10);
    expect(scoreOf(nprs, { values: { pain: 7 } }).score).toBe(7);
  });

  it("missing: no score, and says why", () => {
    expect(scoreAnswers(nprs, { values: {} })).toEqual({
      ok: false,
      reason: "The Numeric Pain Rating Scale has not been answered.",
      answered: 0,
      missing: ["pain"],
    });
    expect(validateAnswers(nprs, { values: {} }, { complete: true })).toEqual([
      { itemId: "pain", message: 'Rate "Average pain" with a whole number from 0 to 10.' },
    ]);
  });

  it("11, −1 and 6.5 are errors", () => {
    for (const bad of [11, -1, 6.5]) {
      expect(validateAnswers(nprs, { values: { pain: bad } }, { complete: true })).toEqual([
        { itemId: "pain", message: 'Rate "Average pain" with a whole number from 0 to 10.' },
      ]);
      expect(scoreAnswers(nprs, { values: { pain: bad } }).ok).toBe(false);
    }
  });
});

describe("GROC scoring", () => {
  it("the score is the rating: −7, 0, +7", () => {
    expect(scoreOf(groc, { values: { change: -7 } }).score).toBe(-7);
    expect(scoreOf(groc, { values: { change: 0 } }).score).toBe(0);
    expect(scoreOf(groc, { values: { change: 7 } }).score).toBe(7);
  });

  it("8, −8 and 2.5 are errors; missing gives no score", () => {
    for (const bad of [8, -8, 2.5]) {
      expect(validateAnswers(groc, { values: { change: bad } }, { complete: true })).toEqual([
        { itemId: "change", message: 'Choose one answer for "Change since the start of care".' },
      ]);
      expect(scoreAnswers(groc, { values: { change: bad } }).ok).toBe(false);
    }
    expect(reasonOf(groc, { values: {} })).toBe("The Global Rating of Change has not been answered.");
  });
});

describe("formatScore", () => {
  it("formats each instrument as staff read it", () => {
    expect(formatScore(odi, 42)).toBe("42%");
    expect(formatScore(odi, 35.5556)).toBe("35.6%");
    expect(formatScore(odi, 26.6667)).toBe("26.7%");
    expect(formatScore(psfs, 6.3)).toBe("6.3");
    expect(formatScore(psfs, 6)).toBe("6.0");
    expect(formatScore(lefs, 54)).toBe("54/80");
    expect(formatScore(nprs, 7)).toBe("7/10");
    expect(formatScore(groc, 3)).toBe("+3");
    expect(formatScore(groc, -2)).toBe("-2");
    expect(formatScore(groc, 0)).toBe("0");
  });
});

describe("assessProgress", () => {
  const startedAt = new Date("2025-01-01T00:00:00Z");
  const day = (n: number) => new Date(startedAt.getTime() + n * 86_400_000);
  const at6Weeks = { now: day(42), startedAt, flagAfterWeeks: 6 };
  const at5Weeks = { now: day(41), startedAt, flagAfterWeeks: 6 }; // 5 weeks and 6 days
  const series = (...scores: (number | null)[]) => scores.map((score, i) => ({ at: day(i * 14), score }));

  it("counts whole weeks since the start, never negative", () => {
    expect(assessProgress(odi, [], at6Weeks).weeksSinceStart).toBe(6);
    expect(assessProgress(odi, [], at5Weeks).weeksSinceStart).toBe(5);
    expect(assessProgress(odi, [], { now: day(-3), startedAt, flagAfterWeeks: 6 }).weeksSinceStart).toBe(0);
  });

  describe("ODI (lower is better, MCID 10)", () => {
    it("exactly the MCID counts as reached: 46% → 36% is +10", () => {
      expect(assessProgress(odi, series(46, 36), at6Weeks)).toEqual({
        baseline: 46,
        latest: 36,
        change: 10,
        rawChange: -10,
        reachedMcid: true,
        worse: false,
        flag: null,
        weeksSinceStart: 6,
      });
    });

    it("one point short: 46% → 37% is +9, not improving after 6 weeks, no flag before", () => {
      const after = assessProgress(odi, series(46, 37), at6Weeks);
      expect([after.change, after.rawChange, after.reachedMcid, after.worse, after.flag]).toEqual([
        9,
        -9,
        false,
        false,
        "not_improving",
      ]);
      expect(assessProgress(odi, series(46, 37), at5Weeks).flag).toBeNull();
    });

    it("worse by the MCID: 30% → 40% is −10, flagged worse even before the weeks are up", () => {
      const r = assessProgress(odi, series(30, 40), at5Weeks);
      expect([r.change, r.rawChange, r.reachedMcid, r.worse, r.flag]).toEqual([-10, 10, false, true, "worse"]);
      expect(assessProgress(odi, series(30, 40), at6Weeks).flag).toBe("worse");
    });

    it("worse by less than the MCID: 30% → 39% is −9, only not improving", () => {
      const r = assessProgress(odi, series(30, 39), at6Weeks);
      expect([r.change, r.worse, r.flag]).toEqual([-9, false, "not_improving"]);
    });

    it("unscorable points are ignored and points are put in time order", () => {
      const points = [
        { at: day(28), score: 40 },
        { at: day(0), score: null },
        { at: day(35), score: null },
        { at: day(7), score: 52 },
        { at: day(14), score: 60 },
      ];
      const r = assessProgress(odi, points, at6Weeks);
      expect([r.baseline, r.latest, r.change, r.rawChange, r.reachedMcid, r.flag]).toEqual([
        52,
        40,
        12,
        -12,
        true,
        null,
      ]);
    });

    it("one scored point is no progress yet: no change, no flag", () => {
      const r = assessProgress(odi, series(null, 46, null), { now: day(120), startedAt, flagAfterWeeks: 6 });
      expect(r).toEqual({
        baseline: 46,
        latest: 46,
        change: null,
        rawChange: null,
        reachedMcid: false,
        worse: false,
        flag: null,
        weeksSinceStart: 17,
      });
      expect(assessProgress(odi, [], at6Weeks)).toMatchObject({
        baseline: null,
        latest: null,
        change: null,
        flag: null,
      });
    });
  });

  describe("LEFS (higher is better, MCID 9)", () => {
    it("published case 50 → 58 is +8: one point short, not improving after 6 weeks", () => {
      const r = assessProgress(lefs, series(50, 58), at6Weeks);
      expect([r.baseline, r.latest, r.change, r.rawChange, r.reachedMcid, r.worse, r.flag]).toEqual([
        50,
        58,
        8,
        8,
        false,
        false,
        "not_improving",
      ]);
      expect(assessProgress(lefs, series(50, 58), at5Weeks).flag).toBeNull();
    });

    it("50 → 59 is exactly the MCID: reached", () => {
      const r = assessProgress(lefs, series(50, 59), at6Weeks);
      expect([r.change, r.reachedMcid, r.flag]).toEqual([9, true, null]);
    });

    it("58 → 49 is −9: worse", () => {
      const r = assessProgress(lefs, series(58, 49), at5Weeks);
      expect([r.change, r.rawChange, r.worse, r.flag]).toEqual([-9, -9, true, "worse"]);
    });

    it("the latest point counts, not the best: 40 → 60 → 45 is +5", () => {
      const r = assessProgress(lefs, series(40, 60, null, 45), at6Weeks);
      expect([r.baseline, r.latest, r.change, r.reachedMcid, r.flag]).toEqual([40, 45, 5, false, "not_improving"]);
    });
  });

  describe("PSFS (1 decimal, MCID 2)", () => {
    it("4.7 → 6.7 is exactly +2.0 despite floating point: reached", () => {
      const r = assessProgress(psfs, series(4.7, 6.7), at6Weeks);
      expect([r.change, r.rawChange, r.reachedMcid]).toEqual([2, 2, true]);
      const short = assessProgress(psfs, series(4.7, 6.6), at6Weeks);
      expect([short.change, short.reachedMcid, short.flag]).toEqual([1.9, false, "not_improving"]);
    });
  });

  describe("NPRS (lower is better, MCID 2)", () => {
    it("7 → 5 is +2: reached; 5 → 7 is −2: worse", () => {
      expect(assessProgress(nprs, series(7, 5), at6Weeks)).toMatchObject({
        change: 2,
        rawChange: -2,
        reachedMcid: true,
        flag: null,
      });
      expect(assessProgress(nprs, series(5, 7), at6Weeks)).toMatchObject({
        change: -2,
        rawChange: 2,
        worse: true,
        flag: "worse",
      });
    });
  });

  describe("GROC (change rating, threshold +3)", () => {
    it("+3 reaches the threshold; no baseline", () => {
      expect(assessProgress(groc, series(3), at6Weeks)).toEqual({
        baseline: null,
        latest: 3,
        change: 3,
        rawChange: null,
        reachedMcid: true,
        worse: false,
        flag: null,
        weeksSinceStart: 6,
      });
    });

    it("+2 is one short, and a change rating is never flagged not improving", () => {
      const r = assessProgress(groc, series(2), { now: day(365), startedAt, flagAfterWeeks: 6 });
      expect([r.change, r.reachedMcid, r.worse, r.flag]).toEqual([2, false, false, null]);
    });

    it("−3 is worse by the threshold; −2 is not", () => {
      expect(assessProgress(groc, series(-3), at6Weeks)).toMatchObject({
        change: -3,
        reachedMcid: false,
        worse: true,
        flag: "worse",
      });
      expect(assessProgress(groc, series(-2), at6Weeks)).toMatchObject({ change: -2, worse: false, flag: null });
    });

    it("the latest scored rating counts; unscorable ratings are ignored", () => {
      const points = [
        { at: day(40), score: null },
        { at: day(30), score: 5 },
        { at: day(10), score: -4 },
      ];
      expect(assessProgress(groc, points, at6Weeks)).toMatchObject({
        latest: 5,
        change: 5,
        reachedMcid: true,
        flag: null,
      });
      expect(assessProgress(groc, [{ at: day(1), score: null }], at6Weeks)).toMatchObject({
        latest: null,
        change: null,
        reachedMcid: false,
        flag: null,
      });
    });
  });
});

describe("exact scores: stored unrounded, rounded only for display (issue 15, items 7 and 8)", () => {
  const startedAt = new Date("2025-01-01T00:00:00Z");
  const day = (n: number) => new Date(startedAt.getTime() + n * 86_400_000);

  it("ODI 16/45 (35.6%) → 13/50 (26%) is a 9.6-point change, short of the MCID of 10", () => {
    const baseline = scoreOf(odi, odiAnswers([2, 2, 2, 2, 2, 2, 2, null, 2, 0]));
    const latest = scoreOf(odi, odiAnswers([2, 2, 2, 2, 2, 1, 1, 1, 0, 0]));
    expect([formatScore(odi, baseline.score), formatScore(odi, latest.score)]).toEqual(["35.6%", "26%"]);
    const progress = assessProgress(
      odi,
      [
        { at: day(0), score: baseline.score },
        { at: day(28), score: latest.score },
      ],
      { now: day(28), startedAt, flagAfterWeeks: 6 },
    );
    expect(progress).toMatchObject({ change: 9.5556, reachedMcid: false, worse: false });
    expect(formatChangeSize(odi, progress.change!)).toBe("9.6");
  });

  it("a change is never written rounded up onto an MCID it did not reach", () => {
    expect(formatChangeSize(lefs, 8.96)).toBe("8.96");
    expect(formatChangeSize(lefs, 9)).toBe("9");
    expect(formatChangeSize(lefs, 11.05)).toBe("11.1");
    expect(formatChangeSize(odi, -12)).toBe("12");
  });

  it("a prorated LEFS says so beside its score: 60/80, 1 activity not answered, prorated", () => {
    // nineteen 3s = 57; 57 × 20 / 19 = 60
    const r = scoreOf(lefs, lefsAnswers([...Array(19).fill(3), null]));
    expect([formatScore(lefs, r.score), r.adjusted, r.answered, r.total]).toEqual(["60/80", true, 19, 20]);
    expect(scoreNote(lefs, { answeredItems: r.answered, totalItems: r.total, prorated: r.adjusted })).toBe(
      "1 activity not answered, prorated",
    );
    const complete = scoreOf(lefs, lefsAnswers(Array(20).fill(3)));
    expect(scoreNote(lefs, { answeredItems: 20, totalItems: 20, prorated: complete.adjusted })).toBeNull();
    expect(scoreNote(odi, { answeredItems: 9, totalItems: 10, prorated: true })).toBe(
      "1 section not answered, prorated",
    );
  });
});

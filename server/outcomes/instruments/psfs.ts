// Patient-Specific Functional Scale (PSFS), the original 0–10 version (Stratford et al. 1995).
// The patient names up to 5 activities they are unable to do or find hard because of their
// problem, and rates each 0 ("unable to perform") to 10 ("able to perform at prior level").
// Score = sum of the activity ratings ÷ number of activities rated (the published form's
// "total score = sum of the activity scores / number of activities"), reported to 1 decimal.
// At least 1 rated activity is needed; activities left empty are simply not part of the mean.
//
// MCID 2 points for the mean score: Stratford et al. 1995 report 2 points as the minimal
// detectable change (90% CI) of the average score (3 points for a single activity), and Abbott &
// Schmitt 2014 found minimum important differences of 1.3 (small), 2.3 (medium) and 2.7 (large
// change) across body regions; 2 points is the figure clinical forms and reviews most often use.
// (The PSFS 2.0, with an inverted scale and an activity list, is a different version and is not
// what this definition implements.)
import type { Instrument, InstrumentItem } from "../types";

const activity = (n: number): InstrumentItem => ({
  id: `activity${n}`,
  title: `Activity ${n}`,
  prompt:
    n === 1
      ? "Name an important activity that you are unable to do, or find hard to do, because of your problem, and rate how well you can do it today."
      : "Another activity you are unable to do, or find hard to do, because of your problem (optional).",
  kind: "scale",
  min: 0,
  max: 10,
  anchors: { min: "Unable to perform", max: "Able to perform at prior level" },
  patientNamed: true,
  required: n === 1,
});

export const psfs: Instrument = {
  key: "psfs",
  version: "1995",
  name: "Patient-Specific Functional Scale",
  shortName: "PSFS",
  description:
    "The patient names up to five activities that their problem makes hard and rates each from 0 to 10; the score is the average rating. For any musculoskeletal condition. Higher is better.",
  instructions:
    "Think of up to five important activities that you are unable to do, or find hard to do, because of your problem. " +
    "Name each one in your own words and rate how well you can do it today: 0 means you are unable to do it, 10 means you can do it as well as before your problem began. " +
    "One activity is enough; add more if you have them.",
  items: [1, 2, 3, 4, 5].map(activity),
  scoring: { method: "mean", minAnswered: 1 },
  range: { min: 0, max: 10 },
  unit: "points",
  decimals: 1,
  better: "higher",
  mcid: {
    value: 2,
    source:
      "Stratford P, Gill C, Westaway M, Binkley J. Assessing disability and change on individual patients: a report of a patient specific measure. Physiotherapy Canada 1995;47(4):258–263 " +
      "(2 points for the average score, 3 points for a single activity); " +
      "Abbott JH, Schmitt JS. Minimum important differences for the Patient-Specific Functional Scale, 4 region-specific outcome measures, and the Numeric Pain Rating Scale. JOSPT 2014;44(8):560–564 (1.3 small, 2.3 medium, 2.7 large change).",
  },
  kind: "status",
  source:
    "Stratford P, Gill C, Westaway M, Binkley J. Physiotherapy Canada 1995;47(4):258–263. " +
    "Up to 5 patient-named activities, each rated 0–10; score = sum of ratings ÷ number of activities rated, to 1 decimal; at least 1 rated activity.",
  licence: {
    holder: "Paul Stratford and co-authors (developers)",
    note: "Free to use: the PSFS is published by its developers for clinical use, clinical forms reproduce it with the authors' permission, and no licence fee applies (the Rehabilitation Measures Database lists its cost as free).",
    commercialUseNeedsPermission: false,
  },
  enabledByDefault: true,
  itemNoun: { one: "activity", other: "activities" },
};

export default psfs;

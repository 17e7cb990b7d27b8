// Numeric Pain Rating Scale (NPRS): one 0–10 rating of average pain over the last 24 hours.
// Public domain (an 11-point numeric rating, not a copyrighted questionnaire).
import type { Instrument } from "../types";

export const nprs: Instrument = {
  key: "nprs",
  version: "1",
  name: "Numeric Pain Rating Scale",
  shortName: "NPRS",
  description:
    "A single 0–10 rating of the patient's average pain over the last 24 hours, for any painful condition. Lower is better.",
  instructions: "Pick the one number that best shows how much pain you have had, on average, over the last 24 hours.",
  items: [
    {
      id: "pain",
      title: "Average pain",
      prompt: "On average, how bad has your pain been over the last 24 hours?",
      kind: "scale",
      min: 0,
      max: 10,
      anchors: { min: "No pain", max: "Worst pain imaginable" },
      required: true,
    },
  ],
  scoring: { method: "single" },
  range: { min: 0, max: 10 },
  unit: "points",
  decimals: 0,
  better: "lower",
  mcid: {
    value: 2,
    source:
      "Childs JD, Piva SR, Fritz JM. Responsiveness of the numeric pain rating scale in patients with low back pain. Spine 2005;30(11):1331–1334 " +
      "(MCID 2.2 at 1 week and 1.5 at 4 weeks, minimal detectable change 2; the authors conclude a 2-point change is clinically meaningful). " +
      "Farrar JT, Young JP, LaMoreaux L, Werth JL, Poole RM. Clinical importance of changes in chronic pain intensity measured on an 11-point numerical pain rating scale. Pain 2001;94(2):149–158 (about 2 points or 30%).",
  },
  kind: "status",
  source:
    "11-point numeric rating scale, 0 = no pain to 10 = worst pain imaginable; the score is the number chosen. " +
    "Childs JD et al. Spine 2005;30(11):1331–1334; Farrar JT et al. Pain 2001;94(2):149–158.",
  licence: {
    holder: "public domain",
    note: "Free to use: the 0–10 numeric pain rating is a generic scale in the public domain; no licence is needed.",
    commercialUseNeedsPermission: false,
  },
  enabledByDefault: true,
  itemNoun: { one: "question", other: "questions" },
};

export default nprs;

// Global Rating of Change (GROC), 15-point version (−7 … 0 … +7), after Jaeschke, Singer & Guyatt
// 1989 and as reviewed by Kamper, Maher & Mackay 2009. Asked at discharge about the change since
// the start of care, so it is already a change score (kind "change"): the rating is the score.
//
// LABELS: the wording common on physical-therapy GROC forms (the 15-point GROC also anchors e.g.
// the NPRS study of Childs et al. 2005): "A very great deal worse" … "About the same" … "A very
// great deal better". Versions differ slightly in the middle labels ("quite a bit" / "a good
// deal", "a tiny bit" / "minimally"); the values and their order are the same.
//
// THRESHOLD +3 ("Somewhat better"): Jaeschke 1989 take ratings of ±1 as "almost the same" and ±2
// to ±3 as the smallest changes patients regard as important; a cut-off of +3 or more is the one
// physical-therapy studies use for a clinically important improvement (e.g. Wang, Hart, Stratford
// & Mioduski, Phys Ther 2011;91(5):675, "MCII threshold for the GROC … a cut-score of +3 or
// greater"). −3 or lower counts as a meaningful worsening.
import type { Instrument } from "../types";

const LABELS: [number, string][] = [
  [-7, "A very great deal worse"],
  [-6, "A great deal worse"],
  [-5, "Quite a bit worse"],
  [-4, "Moderately worse"],
  [-3, "Somewhat worse"],
  [-2, "A little bit worse"],
  [-1, "A tiny bit worse (almost the same)"],
  [0, "About the same"],
  [1, "A tiny bit better (almost the same)"],
  [2, "A little bit better"],
  [3, "Somewhat better"],
  [4, "Moderately better"],
  [5, "Quite a bit better"],
  [6, "A great deal better"],
  [7, "A very great deal better"],
];

export const groc: Instrument = {
  key: "groc",
  version: "15-point",
  name: "Global Rating of Change",
  shortName: "GROC",
  description:
    "One question at discharge: how much the patient's condition has changed since the start of care, from −7 (a very great deal worse) to +7 (a very great deal better). Any condition.",
  instructions:
    "Think about the condition you came to us for. Compared with when you started treatment, how is it now? Choose the one answer that fits best.",
  items: [
    {
      id: "change",
      title: "Change since the start of care",
      prompt: "Compared with when you started treatment, how would you describe your condition now?",
      kind: "choice",
      options: LABELS.map(([value, label]) => ({ value, label })),
      required: true,
    },
  ],
  scoring: { method: "single" },
  range: { min: -7, max: 7 },
  unit: "points",
  decimals: 0,
  better: "higher",
  mcid: {
    value: 3,
    source:
      "Jaeschke R, Singer J, Guyatt GH. Measurement of health status: ascertaining the minimal clinically important difference. Control Clin Trials 1989;10(4):407–415 " +
      "(±2–3 = smallest important change); Kamper SJ, Maher CG, Mackay G. Global rating of change scales: a review of strengths and weaknesses and considerations for design. J Man Manip Ther 2009;17(3):163–170; " +
      "+3 or more as the clinically important improvement cut-off: Wang YC, Hart DL, Stratford PW, Mioduski JE. Phys Ther 2011;91(5):675.",
  },
  kind: "change",
  source:
    "Jaeschke R, Singer J, Guyatt GH. Control Clin Trials 1989;10(4):407–415; Kamper SJ, Maher CG, Mackay G. J Man Manip Ther 2009;17(3):163–170. " +
    "One 15-point rating, −7 to +7; the score is the rating.",
  licence: {
    holder: "public domain",
    note: "Free to use: a global rating of change is a generic single question in the public domain; no licence is needed.",
    commercialUseNeedsPermission: false,
  },
  enabledByDefault: true,
  itemNoun: { one: "question", other: "questions" },
};

export default groc;

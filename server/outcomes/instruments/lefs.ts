// Lower Extremity Functional Scale (LEFS), Binkley et al. 1999.
// 20 activities, each 0 ("Extreme difficulty or unable to perform activity") … 4 ("No
// difficulty"); score = sum, 0–80, higher is better. The activity texts and the five answer
// labels are the published items (short and free to use); they are kept as published because
// rewording them would change the validated instrument.
//
// MISSING ITEMS: the published form asks the patient to "provide an answer for each activity" and
// gives no rule for blanks; we found no published missing-item rule from the developers. We chose
// a conservative, documented rule: with up to 2 of 20 activities unanswered (10%, the same share
// of the questionnaire that the ODI's published rule tolerates: 1 of 10 sections) the sum is
// prorated — sum × 20 ÷ answered, shown to a whole point — and the result is marked prorated;
// with 3 or more unanswered there is no score. Worst case, 2 prorated items shift the score by
// less than the MCID (9), which keeps a prorated score interpretable. In the online form every
// activity is required, so prorating only arises for answers entered from paper.
//
// MCID 9 points (Binkley 1999: minimal clinically important difference 9 scale points, 90% CI,
// the same as the minimal detectable change). Abbott & Schmitt 2014 report 9 to 16 for small to
// large change, so 9 is the established minimal figure.
import type { Instrument, InstrumentItem, ItemOption } from "../types";

const DIFFICULTY: ItemOption[] = [
  { value: 0, label: "Extreme difficulty or unable to perform activity" },
  { value: 1, label: "Quite a bit of difficulty" },
  { value: 2, label: "Moderate difficulty" },
  { value: 3, label: "A little bit of difficulty" },
  { value: 4, label: "No difficulty" },
];

const ACTIVITIES = [
  "Any of your usual work, housework or school activities",
  "Your usual hobbies, recreational or sporting activities",
  "Getting into or out of the bath",
  "Walking between rooms",
  "Putting on your shoes or socks",
  "Squatting",
  "Lifting an object, like a bag of groceries from the floor",
  "Performing light activities around your home",
  "Performing heavy activities around your home",
  "Getting into or out of a car",
  "Walking 2 blocks",
  "Walking a mile",
  "Going up or down 10 stairs (about 1 flight of stairs)",
  "Standing for 1 hour",
  "Sitting for 1 hour",
  "Running on even ground",
  "Running on uneven ground",
  "Making sharp turns while running fast",
  "Hopping",
  "Rolling over in bed",
];

const items: InstrumentItem[] = ACTIVITIES.map((prompt, i) => ({
  id: `q${i + 1}`,
  prompt,
  kind: "choice",
  options: DIFFICULTY,
  required: true,
}));

export const lefs: Instrument = {
  key: "lefs",
  version: "1999",
  name: "Lower Extremity Functional Scale",
  shortName: "LEFS",
  description:
    "Twenty everyday activities rated by difficulty, for patients with a problem of the hip, knee, ankle or foot (one or both legs). Scored 0–80; higher is better.",
  instructions:
    "These questions ask whether the leg problem you are being treated for makes any of the activities below difficult. " +
    "For each activity, choose how much difficulty you have today, or would have if you tried it today. Please answer every activity.",
  items,
  scoring: { method: "sum", maxMissing: 2, prorate: true },
  range: { min: 0, max: 80 },
  unit: "points",
  decimals: 0,
  better: "higher",
  mcid: {
    value: 9,
    source:
      "Binkley JM, Stratford PW, Lott SA, Riddle DL. The Lower Extremity Functional Scale (LEFS): scale development, measurement properties, and clinical application. Phys Ther 1999;79(4):371–383 " +
      "(minimal clinically important difference 9 scale points, 90% CI).",
  },
  kind: "status",
  source:
    "Binkley JM, Stratford PW, Lott SA, Riddle DL; North American Orthopaedic Rehabilitation Research Network. Phys Ther 1999;79(4):371–383. " +
    "Score = sum of the 20 items (0–4 each), 0–80. No published missing-item rule was found (the form asks for an answer to every activity); " +
    "this software prorates with at most 2 missing (sum × 20 ÷ answered, shown to a whole point and marked prorated) and gives no score with 3 or more missing.",
  licence: {
    holder: "Binkley et al.; published in Physical Therapy (American Physical Therapy Association)",
    note:
      "Free for clinical use: no licence fee or registration was found, and the Rehabilitation Measures Database lists its cost as free. " +
      "The published form is reprinted from Physical Therapy (1999) with the permission of the American Physical Therapy Association; keep the citation with it.",
    commercialUseNeedsPermission: false,
  },
  enabledByDefault: true,
  itemNoun: { one: "activity", other: "activities" },
};

export default lefs;

// Outcome instruments as data. Each validated questionnaire is one `Instrument` value (items,
// response options, scoring rule, missing-item rule, range, direction, MCID, licence); one engine
// (./scoring.ts) validates and scores every one of them. Nothing here touches the database.

export type InstrumentKey = "nprs" | "odi" | "psfs" | "lefs" | "groc";

/** One response option of a choice item: the value scored and the words the patient sees. */
export type ItemOption = { value: number; label: string };

export type InstrumentItem = {
  /** Stable within an instrument version, e.g. "pain_intensity", "q1", "activity1". */
  id: string;
  /** Short heading (ODI section name, LEFS activity), shown above the prompt. */
  title?: string;
  /** What the patient is asked. */
  prompt: string;
  /**
   * "choice": pick one of `options` (ODI statements, LEFS difficulty levels, GROC ratings).
   * "scale": a whole number from min to max with word anchors at both ends (NPRS, PSFS).
   */
  kind: "choice" | "scale";
  options?: ItemOption[];
  min?: number;
  max?: number;
  anchors?: { min: string; max: string };
  /** PSFS: the patient names the activity (a text of up to 120 characters) and rates it. */
  patientNamed?: boolean;
  /**
   * Whether the patient must answer it. The scoring rule decides how many missing items are
   * tolerated; `required: false` lets the form submit without it (ODI sections, PSFS 4–5).
   */
  required: boolean;
};

/**
 * How the items become one score.
 * - "single": the one item's value (NPRS, GROC).
 * - "percentOfAnsweredMax": sum / (answered × itemMax) × 100 (ODI); at most `maxMissing` unanswered.
 * - "mean": mean of the answered items (PSFS); at least `minAnswered` answered.
 * - "sum": sum of items (LEFS); with up to `maxMissing` missing, prorated:
 *   sum × itemCount / answered, rounded as `round` says (documented per instrument).
 */
export type ScoringRule =
  | { method: "single" }
  | { method: "percentOfAnsweredMax"; itemMax: number; maxMissing: number }
  | { method: "mean"; minAnswered: number }
  | { method: "sum"; maxMissing: number; prorate: boolean };

export type Licence = {
  /** Who holds the rights, or "public domain". */
  holder: string;
  /** Plain-words note shown to owners in Settings and in README. */
  note: string;
  /** True when commercial use (such as in this software) needs the holder's permission. */
  commercialUseNeedsPermission: boolean;
  url?: string;
};

export type Instrument = {
  key: InstrumentKey;
  /** Version of the instrument's text and scoring stored with every answer, e.g. "2.1a". */
  version: string;
  name: string;
  shortName: string;
  /** One or two sentences for staff: what it measures and for whom. */
  description: string;
  /** Shown to the patient above the items. */
  instructions: string;
  items: InstrumentItem[];
  scoring: ScoringRule;
  /** Range of the final score and its unit ("%" for ODI, "points" otherwise). */
  range: { min: number; max: number };
  unit: "%" | "points";
  /** Decimal places a score is shown with (ODI 1 → "26.7%", PSFS 1, LEFS 0); it is stored unrounded. */
  decimals: number;
  /** "lower" means a lower score is better (NPRS, ODI); "higher" the opposite (PSFS, LEFS, GROC). */
  better: "lower" | "higher";
  /**
   * The minimal clinically important difference, in score units. For change instruments (GROC,
   * kind "change") it is the threshold the rating itself must reach, e.g. +3.
   */
  mcid: { value: number; source: string };
  /** "status": measured at several times and compared with baseline; "change": asked once (discharge), already a change rating. */
  kind: "status" | "change";
  /** Citation(s) of the instrument and its scoring instructions. */
  source: string;
  licence: Licence;
  /** Whether a new clinic has it switched on. */
  enabledByDefault: boolean;
  /** What one item is called in messages, e.g. ODI { one: "section", other: "sections" }; default "question"/"questions". */
  itemNoun?: { one: string; other: string };
  /** What one option of a choice item is called in messages, e.g. ODI "statement"; default "answer". */
  optionNoun?: string;
};

/** What a patient or staff member answered: item id → value, plus PSFS activity names. */
export type Answers = {
  values: Record<string, number>;
  /** Patient-named items only (PSFS): item id → the activity in the patient's words. */
  names?: Record<string, string>;
};

/** A specific problem with one item, for the form to show next to it. */
export type ItemError = { itemId: string; message: string };

export type ScoreResult =
  | {
      ok: true;
      /** Unrounded (to SCORE_DECIMALS, ./scoring.ts); round only to show it (formatScore). */
      score: number;
      answered: number;
      /** How many items the instrument has. */
      total: number;
      missing: string[];
      /** Prorated (LEFS with a missing item) or out of the answered maximum (ODI). */
      adjusted: boolean;
    }
  | {
      ok: false;
      /** Why no score can be given, in words for staff and patient, e.g. "3 of 10 sections are unanswered; the ODI allows at most 1 missing." */
      reason: string;
      answered: number;
      missing: string[];
    };

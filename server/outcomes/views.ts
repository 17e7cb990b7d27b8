// What the outcomes procedures return (server/outcomes/router.ts, questionnaire-router.ts): the
// shapes the screens are built on. Dates arrive as Date (superjson).
import type { ClinicLocale } from "@/server/scheduling/format";
import type { MessageState } from "@/db/schema";
import type { Progress } from "./scoring";
import type { Answers, Instrument, InstrumentKey, Licence } from "./types";

export type InstrumentSummary = {
  key: InstrumentKey;
  name: string;
  shortName: string;
  description: string;
  version: string;
  enabled: boolean;
  licence: Licence;
  source: string;
  better: Instrument["better"];
  unit: Instrument["unit"];
  range: Instrument["range"];
  mcid: Instrument["mcid"];
  kind: Instrument["kind"];
  itemCount: number;
};

export type InstrumentSettingsView = { reviewWeeks: number; instruments: InstrumentSummary[] };

export type ScheduleInput = {
  instrumentKey: InstrumentKey;
  atIntake: boolean;
  /** Every N weeks from the episode's start (1–52), or null. */
  everyWeeks: number | null;
  /** Every N attended visits (checked in or completed) since the start (1–50), or null. */
  everyVisits: number | null;
  atDischarge: boolean;
};

export type ScheduleView = ScheduleInput & {
  id: string;
  instrumentName: string;
  active: boolean;
  label: string; /* "At intake, every 2 weeks, at discharge" */
};

/**
 * scheduled: due later; open: due and answerable; submitted: answered; closed: the answering
 * window passed unanswered; cancelled: discharged or taken off before it was due.
 */
export type RequestState = "scheduled" | "open" | "submitted" | "closed" | "cancelled";

export type RequestView = {
  id: string;
  episodeId: string;
  instrumentKey: InstrumentKey;
  instrumentName: string;
  occasion: string;
  /** "Intake", "Week 4", "Visit 6", "Discharge", "Extra" (asked by hand) */
  occasionLabel: string;
  dueAt: Date;
  closesAt: Date;
  state: RequestState;
  draftSavedAt: Date | null;
  /** The questionnaire email: null when none was queued (answered in clinic, or still scheduled in the future). */
  email: { state: MessageState; skipReason: string | null; sentAt: Date | null; toEmail: string | null } | null;
  response: ResponseSummary | null;
};

export type ResponseSummary = {
  id: string;
  score: number | null;
  /** The score formatted for the instrument: "42%", "6.3", "54/80", "+3"; null when unscored. */
  scoreLabel: string | null;
  /** Beside a score adjusted for unanswered items: "1 activity not answered, prorated"; else null. */
  scoreNote: string | null;
  unscoredReason: string | null;
  completedAt: Date;
  source: "patient" | "staff";
  instrumentVersion: string;
};

/** An instrument's progress over an episode, as the scoring engine judges it. */
export type { Progress } from "./scoring";

export type SeriesPoint = {
  responseId: string;
  requestId: string;
  at: Date;
  score: number | null;
  scoreLabel: string | null;
  scoreNote: string | null;
  unscoredReason: string | null;
  occasionLabel: string;
  source: "patient" | "staff";
};

export type SeriesView = {
  episodeId: string;
  instrumentKey: InstrumentKey;
  instrumentName: string;
  shortName: string;
  unit: Instrument["unit"];
  better: Instrument["better"];
  range: Instrument["range"];
  mcid: Instrument["mcid"];
  kind: Instrument["kind"];
  points: SeriesPoint[];
  progress: Progress;
  /** One sentence: "Baseline 42% → latest 24%: 18 points better, past the MCID of 10." */
  summary: string;
};

export type EpisodeView = {
  id: string;
  title: string;
  status: "active" | "discharged";
  startedAt: Date;
  dischargedAt: Date | null;
  clinicianId: string | null;
  clinicianName: string | null;
  schedules: ScheduleView[];
  requests: RequestView[];
  series: SeriesView[];
};

export type PatientOutcomesView = { reviewWeeks: number; episodes: EpisodeView[] };

export type AttentionItem = {
  patientId: string;
  patientName: string;
  episodeId: string;
  episodeTitle: string;
  clinicianId: string | null;
  clinicianName: string | null;
  instrumentKey: InstrumentKey;
  instrumentName: string;
  flag: "worse" | "not_improving" | "no_follow_up";
  /** e.g. "ODI 42% → 46% (4 points worse) after 5 weeks" */
  detail: string;
  weeksSinceStart: number;
  lastAt: Date | null;
};

export type OutcomeShare = { evaluated: number; reached: number; share: number | null };
export type ClinicOutcomeSummary = {
  discharged: number;
  byInstrument: (OutcomeShare & { instrumentKey: InstrumentKey; instrumentName: string })[];
  byClinician: (OutcomeShare & { clinicianId: string | null; clinicianName: string })[];
  /** Each clinician's share per questionnaire (the "any questionnaire" rule of byClinician can flatter). */
  byClinicianInstrument: (OutcomeShare & {
    clinicianId: string | null;
    clinicianName: string;
    instrumentKey: InstrumentKey;
    instrumentName: string;
  })[];
};

/** The questionnaire page (patient link) and the in-clinic entry screen. */
export type QuestionnaireView = {
  requestId: string;
  patientId: string;
  /** The clinic's time zone: dates on the page are shown in it. */
  /** locale: how the patient's page writes times (24-hour for en-GB), server/scheduling/format.ts. */
  clinic: { name: string; phone: string | null; timeZone: string; locale: ClinicLocale };
  patientFirstName: string;
  instrument: Instrument;
  occasionLabel: string;
  dueAt: Date;
  closesAt: Date;
  /**
   * open: can be answered; submitted: read-only view of what was sent; closed / cancelled: nothing
   * to answer; scheduled (staff only): not due yet.
   */
  state: "open" | "submitted" | "closed" | "cancelled" | "scheduled";
  draft: Answers | null;
  draftSavedAt: Date | null;
  /** PSFS: the activities named at the episode's earlier answer, to rate again. */
  previousNames: Record<string, string> | null;
  submitted: (ResponseSummary & { answers: Answers }) | null;
  /** The patient's other questionnaires open now (patient link only), each with its own link token. */
  others: { instrumentName: string; occasionLabel: string; token: string }[];
};

export type SubmitResult = ResponseSummary;

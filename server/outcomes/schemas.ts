// Inputs of the outcomes procedures (staff) and the questionnaire procedures (patient link).
import { z } from "zod";
import { INSTRUMENT_KEYS, INSTRUMENTS } from "./instruments";
import type { InstrumentKey } from "./types";
import { linkToken, multilineText, safeText } from "@/server/validation";

const uuid = (what: string) => z.string().uuid(`Unknown ${what}`);

export const instrumentKeySchema = z.enum(INSTRUMENT_KEYS as [InstrumentKey, ...InstrumentKey[]], {
  error: "Unknown questionnaire",
});

const every = (unit: "weeks" | "visits", max: number) =>
  z
    .number({ error: `Give "every N ${unit}" as a number` })
    .int(`Give "every N ${unit}" as a whole number`)
    .min(1, `"Every N ${unit}" must be at least 1`)
    .max(max, `"Every N ${unit}" can be at most ${max}`)
    .nullable();

export const scheduleSchema = z
  .object({
    instrumentKey: instrumentKeySchema,
    atIntake: z.boolean(),
    everyWeeks: every("weeks", 52),
    everyVisits: every("visits", 50),
    atDischarge: z.boolean(),
  })
  .refine((s) => s.atIntake || s.atDischarge || s.everyWeeks !== null || s.everyVisits !== null, {
    message: "Choose when to ask: at intake, every so many weeks or visits, or at discharge.",
  })
  // A change rating (GROC) asks how things changed since care began: at intake there is nothing to rate.
  .refine((s) => !(s.atIntake && INSTRUMENTS[s.instrumentKey].kind === "change"), {
    message: "The Global Rating of Change rates the change since care began, so it can't be asked at intake.",
  });

const schedulesSchema = z
  .array(scheduleSchema)
  .max(10, "Use at most 10 questionnaires in an episode")
  .refine((list) => new Set(list.map((s) => s.instrumentKey)).size === list.length, {
    message: "Each questionnaire can be added once.",
  });

export const startEpisodeSchema = z.object({
  patientId: uuid("patient"),
  title: safeText()
    .min(1, "Give the episode a title, e.g. the condition treated")
    .max(120, "Keep the title under 120 characters"),
  clinicianId: uuid("clinician").nullable(),
  schedules: schedulesSchema.min(1, "Add at least one questionnaire."),
});

export const setSchedulesSchema = z.object({ episodeId: uuid("episode of care"), schedules: schedulesSchema });
export const episodeIdSchema = z.object({ episodeId: uuid("episode of care") });
export const sendNowSchema = z.object({
  episodeId: uuid("episode of care"),
  instrumentKey: instrumentKeySchema,
  email: z.boolean(),
});
export const patientIdSchema = z.object({ patientId: uuid("patient") });
export const requestIdSchema = z.object({ requestId: uuid("questionnaire") });

/** Raw answers: the engine checks them against the instrument (range, options, names). */
export const answersSchema = z.object(
  {
    values: z
      .record(
        z
          .string()
          .max(40)
          .regex(/^[\w-]+$/, "Unknown question"),
        z
          .number({ error: "Each answer must be a number" })
          .min(-1_000_000, "That answer is out of range")
          .max(1_000_000, "That answer is out of range"),
      )
      .refine((v) => Object.keys(v).length <= 60, "Too many answers"),
    names: z
      .record(
        z
          .string()
          .max(40)
          .regex(/^[\w-]+$/, "Unknown question"),
        multilineText().max(500),
      )
      .optional(),
  },
  { error: "Send the answers as { values, names }" },
);

export const submitInClinicSchema = z.object({ requestId: uuid("questionnaire"), answers: answersSchema });
export const setInstrumentEnabledSchema = z.object({ instrumentKey: instrumentKeySchema, enabled: z.boolean() });
export const setReviewWeeksSchema = z.object({
  weeks: z
    .number({ error: "Give the number of weeks" })
    .int("Give a whole number of weeks")
    .min(1, "At least 1 week")
    .max(52, "At most 52 weeks"),
});
export const needsAttentionSchema = z.object({ mine: z.boolean() });

const token = linkToken();
export const questionnaireTokenSchema = z.object({ token });
export const questionnaireAnswersSchema = z.object({ token, answers: answersSchema });

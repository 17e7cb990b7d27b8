// The exercises a clinic can use, as one relation: the global library (marked hidden where the
// clinic hid it) and the clinic's own. Search, facets, details and programs all read through it,
// and all return exercises in the same shape (ExerciseSummary).
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import type { ExerciseSide } from "@/db/schema";
import { notFound } from "@/server/errors";

export type ExerciseSummary = {
  id: string;
  slug: string | null;
  source: "library" | "clinic";
  name: string;
  purpose: string;
  regions: string[];
  category: string;
  equipment: string[];
  difficulty: 1 | 2 | 3;
  dosage: {
    sets: number;
    reps: number | null;
    holdSeconds: number | null;
    side: ExerciseSide;
    timesPerDay: number;
    daysPerWeek: number;
  };
  imageUrl: string;
  hidden: boolean;
};

export type ExerciseDetail = ExerciseSummary & {
  aliases: string[];
  steps: string[];
  cues: string[];
  mistakes: string[];
  precautions: string[];
  videoUrl: string | null;
};

/** The picture of a clinic exercise that has none of its own. */
export const CLINIC_PLACEHOLDER_ART = "/exercise-art/_clinic.svg";
export const libraryArtPath = (illustration: string) => `/exercise-art/${illustration}.svg`;

/**
 * Every exercise visible to the clinic, with the columns below. The clinic is named in the SQL as
 * well as by row-level security (clinic_exercises' policy), so the join on hidden rows stays exact.
 */
export function catalog(clinicId: string): SQL {
  return sql`(
    SELECT e.id, e.slug, 'library'::text AS source, e.name, e.aliases, e.purpose, e.regions, e.category, e.equipment, e.difficulty,
           e.sets, e.reps, e.hold_seconds, e.side, e.times_per_day, e.days_per_week, e.steps, e.cues, e.mistakes, e.precautions,
           e.illustration, NULL::text AS image_url, NULL::text AS video_url, (h.exercise_id IS NOT NULL) AS hidden, e.search, e.name_terms
      FROM library_exercises e
      LEFT JOIN clinic_hidden_exercises h ON h.clinic_id = ${clinicId}::uuid AND h.exercise_id = e.id
    UNION ALL
    SELECT c.id, NULL, 'clinic', c.name, c.aliases, c.purpose, c.regions, c.category, c.equipment, c.difficulty,
           c.sets, c.reps, c.hold_seconds, c.side, c.times_per_day, c.days_per_week, c.steps, c.cues, c.mistakes, c.precautions,
           NULL, c.image_url, c.video_url, false, c.search, c.name_terms
      FROM clinic_exercises c
     WHERE c.clinic_id = ${clinicId}::uuid
  )`;
}

/** The columns a summary needs, selected from catalog() aliased as `x`. */
export const summaryColumns = sql`x.id, x.slug, x.source, x.name, x.purpose, x.regions, x.category, x.equipment, x.difficulty,
  x.sets, x.reps, x.hold_seconds, x.side, x.times_per_day, x.days_per_week, x.illustration, x.image_url, x.hidden`;
export const detailColumns = sql`${summaryColumns}, x.aliases, x.steps, x.cues, x.mistakes, x.precautions, x.video_url`;

export type SummaryRow = {
  id: string;
  slug: string | null;
  source: "library" | "clinic";
  name: string;
  purpose: string;
  regions: string[];
  category: string;
  equipment: string[];
  difficulty: number;
  sets: number;
  reps: number | null;
  hold_seconds: number | null;
  side: ExerciseSide;
  times_per_day: number;
  days_per_week: number;
  illustration: string | null;
  image_url: string | null;
  hidden: boolean;
};
export type DetailRow = SummaryRow & {
  aliases: string[];
  steps: string[];
  cues: string[];
  mistakes: string[];
  precautions: string[];
  video_url: string | null;
};

export function toSummary(r: SummaryRow): ExerciseSummary {
  return {
    id: r.id,
    slug: r.slug,
    source: r.source,
    name: r.name,
    purpose: r.purpose,
    regions: r.regions,
    category: r.category,
    equipment: r.equipment,
    difficulty: Math.min(3, Math.max(1, r.difficulty)) as 1 | 2 | 3,
    dosage: {
      sets: r.sets,
      reps: r.reps,
      holdSeconds: r.hold_seconds,
      side: r.side,
      timesPerDay: r.times_per_day,
      daysPerWeek: r.days_per_week,
    },
    imageUrl:
      r.source === "library" && r.illustration
        ? libraryArtPath(r.illustration)
        : (r.image_url ?? CLINIC_PLACEHOLDER_ART),
    hidden: r.hidden,
  };
}

export function toDetail(r: DetailRow): ExerciseDetail {
  return {
    ...toSummary(r),
    aliases: r.aliases,
    steps: r.steps,
    cues: r.cues,
    mistakes: r.mistakes,
    precautions: r.precautions,
    videoUrl: r.video_url,
  };
}

/** `$1::uuid, $2::uuid, …` for an IN list. */
export const uuidList = (ids: readonly string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/** The named exercises the clinic can use (hidden library ones included), by id; unknown ids are left out. */
export async function loadExercises(
  tx: Tx,
  clinicId: string,
  ids: readonly string[],
): Promise<Map<string, ExerciseDetail>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const result = await tx.execute<DetailRow>(
    sql`SELECT ${detailColumns} FROM ${catalog(clinicId)} x WHERE x.id IN (${uuidList(unique)})`,
  );
  return new Map(result.rows.map((r) => [r.id, toDetail(r)]));
}

export async function getExercise(tx: Tx, clinicId: string, id: string): Promise<ExerciseDetail> {
  const found = (await loadExercises(tx, clinicId, [id])).get(id);
  if (!found) throw notFound("That exercise");
  return found;
}

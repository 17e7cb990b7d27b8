// The global exercise library in the database: upserted by slug after every migrate (db/migrate.ts),
// so every environment — development, production, the tests' template — has the shipped library.
// Ids are derived from the slug (a name-based UUID), the same in every database, so a protocol
// template (by slug) and a library exercise (by id) always agree. Rows whose content is unchanged
// are not rewritten; exercises dropped from the data stay (programs may still use them).
import { createHash } from "node:crypto";
import type pg from "pg";
import { LIBRARY_EXERCISES, type LibraryExercise } from "./library-source";

const NAMESPACE = "junction:library-exercise:";

/** A stable UUID (version 5 layout, SHA-1 of a fixed namespace and the slug) for a library slug. */
export function libraryExerciseId(slug: string): string {
  const hash = createHash("sha1")
    .update(NAMESPACE + slug)
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const CONTENT_COLUMNS = [
  "name",
  "aliases",
  "purpose",
  "steps",
  "cues",
  "mistakes",
  "regions",
  "category",
  "equipment",
  "difficulty",
  "precautions",
  "sets",
  "reps",
  "hold_seconds",
  "side",
  "times_per_day",
  "days_per_week",
  "illustration",
] as const;

function toRecord(e: LibraryExercise) {
  return {
    id: libraryExerciseId(e.slug),
    slug: e.slug,
    name: e.name,
    aliases: e.aliases ?? [],
    purpose: e.purpose,
    steps: e.steps,
    cues: e.cues,
    mistakes: e.mistakes,
    regions: e.regions,
    category: e.category,
    equipment: e.equipment.map((x) => x.toLowerCase()),
    difficulty: e.difficulty,
    precautions: e.precautions,
    sets: e.dosage.sets,
    reps: e.dosage.reps,
    hold_seconds: e.dosage.holdSeconds,
    side: e.dosage.side,
    times_per_day: e.dosage.timesPerDay,
    days_per_week: e.dosage.daysPerWeek,
    illustration: e.illustration,
  };
}

/** Upserts the library as the table owner, in one statement. Returns how many rows were inserted or changed. */
export async function seedExerciseLibrary(
  client: pg.Client | pg.Pool,
  exercises: readonly LibraryExercise[] = LIBRARY_EXERCISES,
): Promise<number> {
  if (exercises.length === 0) return 0;
  const columns = ["id", "slug", ...CONTENT_COLUMNS].join(", ");
  const changed = CONTENT_COLUMNS.map((c) => `library_exercises.${c}`).join(", ");
  const incoming = CONTENT_COLUMNS.map((c) => `excluded.${c}`).join(", ");
  const result = await client.query(
    `INSERT INTO library_exercises (${columns})
     SELECT ${columns} FROM jsonb_to_recordset($1::jsonb) AS x(
       id uuid, slug text, name text, aliases text[], purpose text, steps text[], cues text[], mistakes text[], regions text[],
       category text, equipment text[], difficulty smallint, precautions text[], sets smallint, reps smallint, hold_seconds smallint,
       side text, times_per_day smallint, days_per_week smallint, illustration text)
     ON CONFLICT (slug) DO UPDATE SET ${CONTENT_COLUMNS.map((c) => `${c} = excluded.${c}`).join(", ")}, updated_at = now()
       WHERE (${changed}) IS DISTINCT FROM (${incoming})`,
    [JSON.stringify(exercises.map(toRecord))],
  );
  return result.rowCount ?? 0;
}

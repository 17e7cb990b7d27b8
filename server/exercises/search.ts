// Finding exercises by words and filters. Words match the weighted full-text vector as prefixes
// ("cope" finds Copenhagen), and a mistyped word still matches by trigram word similarity against
// name and aliases ("copenhagn"); full-text matches rank first, by ts_rank, then the rest by
// similarity. The trigram side uses `<%` (pg_trgm.word_similarity_threshold, 0.6 by default) so
// the name_terms GIN indexes can answer it.
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { catalog, summaryColumns, toSummary, type ExerciseSummary, type SummaryRow } from "./catalog";
import type { SearchExercisesInput } from "./schemas";

/** "Dead-bug  varia" → "dead:* & bug:* & varia:*" (letters and digits only, so always a valid tsquery); null for no words. */
export function prefixQuery(q: string | undefined): string | null {
  const words =
    (q ?? "")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu)
      ?.slice(0, 8) ?? [];
  return words.length ? words.map((w) => `${w}:*`).join(" & ") : null;
}

export async function searchExercises(
  tx: Tx,
  clinicId: string,
  input: SearchExercisesInput,
): Promise<{ items: ExerciseSummary[]; total: number }> {
  const tsq = prefixQuery(input.q);
  const text = input.q?.trim().toLowerCase() ?? "";
  const filters = [
    input.includeHidden ? sql`true` : sql`NOT x.hidden`,
    input.region ? sql`${input.region} = ANY(x.regions)` : sql`true`,
    input.category ? sql`x.category = ${input.category}` : sql`true`,
    input.equipment ? sql`${input.equipment.toLowerCase()} = ANY(x.equipment)` : sql`true`,
    tsq ? sql`(x.search @@ to_tsquery('english', ${tsq}) OR ${text} <% x.name_terms)` : sql`true`,
  ];
  const order = tsq
    ? sql`(x.search @@ to_tsquery('english', ${tsq})) DESC, ts_rank(x.search, to_tsquery('english', ${tsq})) DESC, word_similarity(${text}, x.name_terms) DESC, x.name`
    : sql`x.name`;
  const result = await tx.execute<SummaryRow & { total: number }>(sql`
    SELECT ${summaryColumns}, count(*) OVER ()::int AS total
      FROM ${catalog(clinicId)} x
     WHERE ${sql.join(filters, sql` AND `)}
     ORDER BY ${order}
     LIMIT ${input.limit}`);
  return { items: result.rows.map(toSummary), total: result.rows[0]?.total ?? 0 };
}

type Facet = { value: string; count: number };

/** How many visible (not hidden) exercises have each region, category and piece of equipment. */
export async function exerciseFacets(
  tx: Tx,
  clinicId: string,
): Promise<{ regions: Facet[]; categories: Facet[]; equipment: Facet[] }> {
  const result = await tx.execute<{ facet: "region" | "category" | "equipment"; value: string; count: number }>(sql`
    WITH x AS (SELECT regions, category, equipment FROM ${catalog(clinicId)} c WHERE NOT c.hidden)
    SELECT 'region' AS facet, r AS value, count(*)::int AS count FROM x, unnest(x.regions) r GROUP BY r
    UNION ALL
    SELECT 'category', category, count(*)::int FROM x GROUP BY category
    UNION ALL
    SELECT 'equipment', e, count(*)::int FROM x, unnest(x.equipment) e GROUP BY e
    ORDER BY 1, 3 DESC, 2`);
  const of = (facet: string) =>
    result.rows.filter((r) => r.facet === facet).map(({ value, count }) => ({ value, count }));
  return { regions: of("region"), categories: of("category"), equipment: of("equipment") };
}

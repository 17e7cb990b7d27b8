// Migration 0028 rescored the responses stored before scores were kept unrounded: from the stored
// answers, by the same rules as the engine, with the items count and the prorated flag filled in.
// Here rows are put back as the old code wrote them (rounded, no flag) and the migration's UPDATE
// is run again on them.
import { readFileSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { outcomeResponses } from "@/db/schema";
import type { InstrumentKey } from "@/server/outcomes/types";
import { callerFor } from "../fixtures/callers";
import { seedClinic } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";

const backfill = readFileSync(path.resolve("db/migrations/0028_exact_scores_locale.sql"), "utf8")
  .split("--> statement-breakpoint")
  .map((s) => s.trim())
  .find((s) => s.startsWith('UPDATE "outcome_responses"'))!;

describe("migration 0028's rescoring of stored responses", () => {
  test("rounded scores become exact, and scores from fewer items are marked prorated", async () => {
    const c = await seedClinic();
    const staff = callerFor(c.clinician, c.slug);
    const patient = c.patients[0]!;
    const keys: InstrumentKey[] = ["odi", "lefs", "psfs", "nprs"];
    const { episodeId } = await staff.outcomes.startEpisode({
      patientId: patient.id,
      title: "Back and knee",
      clinicianId: c.clinician.id,
      schedules: keys.map((instrumentKey) => ({
        instrumentKey,
        atIntake: true,
        everyWeeks: null,
        everyVisits: null,
        atDischarge: false,
      })),
    });
    const answers: Record<string, { values: Record<string, number>; names?: Record<string, string> }> = {
      // 16 of 45 (sex life left out) = 35.5556
      odi: {
        values: {
          pain_intensity: 2,
          personal_care: 2,
          lifting: 2,
          walking: 2,
          sitting: 2,
          standing: 2,
          sleeping: 2,
          social_life: 2,
          travelling: 0,
        },
      },
      // 19 of 20 answered, sum 58: 58 × 20 / 19 = 61.0526
      lefs: {
        values: Object.fromEntries([...Array(19).keys()].map((i) => [`q${i + 1}`, i < 14 ? 4 : i === 14 ? 2 : 0])),
      },
      // (3 + 5 + 6) / 3 = 4.6667
      psfs: {
        values: { activity1: 3, activity2: 5, activity3: 6 },
        names: { activity1: "Walking", activity2: "Kneeling", activity3: "Stairs" },
      },
      nprs: { values: { pain: 7 } },
    };
    for (const key of keys) {
      const { requestId } = await staff.outcomes.sendNow({ episodeId, instrumentKey: key, email: false });
      await staff.outcomes.submitInClinic({ requestId, answers: answers[key]! });
    }
    const rows = () =>
      adminDb()
        .select()
        .from(outcomeResponses)
        .where(eq(outcomeResponses.episodeId, episodeId))
        .then((r) =>
          Object.fromEntries(r.map((x) => [x.instrumentKey, [x.score, x.answeredItems, x.totalItems, x.prorated]])),
        );
    const exact = await rows();
    expect(exact).toEqual({
      odi: [35.5556, 9, 10, true],
      lefs: [61.0526, 19, 20, true],
      psfs: [4.6667, 3, 5, false],
      nprs: [7, 1, 1, false],
    });

    // As the old code stored them: rounded to the instrument's decimals, no items total, no flag.
    await adminDb().execute(sql`
      UPDATE outcome_responses SET prorated = false, total_items = answered_items,
        score = CASE instrument_key WHEN 'psfs' THEN round(score, 1) ELSE round(score, 0) END
      WHERE episode_id = ${episodeId}`);
    expect((await rows()).odi).toEqual([36, 9, 9, false]);

    await adminDb().execute(sql.raw(backfill));
    expect(await rows()).toEqual(exact);
  });
});

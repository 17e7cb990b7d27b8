-- Exact outcome scores and the clinic's locale (issue 15, items 7, 8 and 13).
--
-- Scores: a response's score is stored unrounded (to 4 decimals, which keeps 12/45 sections as
-- 26.6667 %, not 27 %), so change and the MCID verdict are computed from what was measured and
-- rounding happens only when a score is shown. With it: how many items the instrument has and
-- whether the score was prorated for unanswered items (ODI scored out of the sections answered,
-- LEFS sum × 20 ÷ answered). Existing rows are rescored from their stored answers by the same
-- rules as server/outcomes/scoring.ts (NPRS and GROC are a single whole number and do not change).
ALTER TABLE "outcome_responses" ALTER COLUMN "score" TYPE numeric(8, 4);--> statement-breakpoint
ALTER TABLE "outcome_responses" ADD COLUMN "total_items" smallint;--> statement-breakpoint
ALTER TABLE "outcome_responses" ADD COLUMN "prorated" boolean DEFAULT false NOT NULL;--> statement-breakpoint
UPDATE "outcome_responses" r SET
  "total_items" = CASE r."instrument_key" WHEN 'odi' THEN 10 WHEN 'lefs' THEN 20 WHEN 'psfs' THEN 5 WHEN 'nprs' THEN 1 WHEN 'groc' THEN 1 ELSE r."answered_items" END,
  "prorated" = r."score" IS NOT NULL AND (
    (r."instrument_key" = 'odi' AND v.answered < 10) OR (r."instrument_key" = 'lefs' AND v.answered < 20)),
  "score" = CASE
    WHEN r."score" IS NULL OR v.answered = 0 THEN r."score"
    WHEN r."instrument_key" = 'odi' THEN round(v.total / (5.0 * v.answered) * 100, 4)
    WHEN r."instrument_key" = 'lefs' THEN round(v.total * 20.0 / v.answered, 4)
    WHEN r."instrument_key" = 'psfs' THEN round(v.total / v.answered::numeric, 4)
    ELSE r."score"
  END
FROM (
  SELECT x."clinic_id", x."id", count(e.value)::int AS answered, coalesce(sum(e.value::numeric), 0) AS total
  FROM "outcome_responses" x
  LEFT JOIN LATERAL jsonb_each_text(coalesce(x."answers"->'values', '{}'::jsonb)) e ON e.value IS NOT NULL
  GROUP BY x."clinic_id", x."id"
) v
WHERE v."clinic_id" = r."clinic_id" AND v."id" = r."id";--> statement-breakpoint
ALTER TABLE "outcome_responses" ALTER COLUMN "total_items" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "outcome_responses" ADD CONSTRAINT "outcome_responses_items_check" CHECK ("answered_items" BETWEEN 0 AND "total_items" AND (NOT "prorated" OR "answered_items" < "total_items"));--> statement-breakpoint
-- Locale: how the clinic's dates and times are written (24-hour for a London clinic). Derived from
-- the time zone at sign-up (server/scheduling/format.ts, localeForZone); existing clinics the same way.
ALTER TABLE "clinics" ADD COLUMN "locale" text DEFAULT 'en-US' NOT NULL;--> statement-breakpoint
UPDATE "clinics" SET "locale" = CASE
  WHEN "time_zone" IN ('Europe/Dublin') THEN 'en-IE'
  WHEN "time_zone" IN ('America/Toronto', 'America/Vancouver', 'America/Edmonton', 'America/Winnipeg', 'America/Halifax', 'America/St_Johns', 'America/Regina', 'America/Moncton') THEN 'en-CA'
  WHEN "time_zone" LIKE 'America/%' OR "time_zone" LIKE 'US/%' OR "time_zone" = 'Pacific/Honolulu' THEN 'en-US'
  WHEN "time_zone" LIKE 'Australia/%' THEN 'en-AU'
  WHEN "time_zone" IN ('Pacific/Auckland', 'Pacific/Chatham') THEN 'en-NZ'
  WHEN "time_zone" IN ('Asia/Kolkata', 'Asia/Calcutta') THEN 'en-IN'
  WHEN "time_zone" = 'Africa/Johannesburg' THEN 'en-ZA'
  ELSE 'en-GB'
END;--> statement-breakpoint
ALTER TABLE "clinics" ADD CONSTRAINT "clinics_locale_check" CHECK ("locale" IN ('en-US', 'en-GB', 'en-IE', 'en-CA', 'en-AU', 'en-NZ', 'en-IN', 'en-ZA'));

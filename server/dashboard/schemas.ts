// Dashboard inputs: period (preset or custom local days), clinician and appointment type filters.
import { z } from "zod";
import { calendarDate, nameText } from "@/server/validation";
import { PERIOD_PRESETS } from "./period";

const day = calendarDate("day");

export const dashboardFiltersSchema = z
  .object({
    preset: z.enum(PERIOD_PRESETS).default("last_4_weeks"),
    from: day.optional(),
    to: day.optional(),
    clinicianId: z.uuid().nullish(),
    typeId: z.uuid().nullish(),
  })
  .refine((v) => v.preset !== "custom" || (v.from && v.to && v.from <= v.to), {
    error: "Choose a first and a last day, the first one not after the last.",
    path: ["to"],
  })
  .refine(
    (v) => v.preset !== "custom" || !v.from || !v.to || Date.parse(v.to) - Date.parse(v.from) <= 731 * 86_400_000,
    {
      error: "Choose a period of two years or less.",
      path: ["to"],
    },
  );
export type DashboardFilters = z.input<typeof dashboardFiltersSchema>;

export const DRILL_KINDS = [
  "visits",
  "scheduled",
  "no_show",
  "late_cancel",
  "cancelled",
  "booked",
  "new_patients",
  "at_risk",
  "episodes",
  "outcomes",
  "adherence",
  "reminders",
  // revenue (server/dashboard/revenue.ts)
  "revenue_charged",
  "revenue_collected",
  "revenue_refunded",
  "revenue_outstanding",
] as const;
export type DrillKind = (typeof DRILL_KINDS)[number];

export const drillDownSchema = z.object({ kind: z.enum(DRILL_KINDS), filters: dashboardFiltersSchema });

export const dashboardSettingsSchema = z.object({
  lateCancelHours: z.number().int().min(1, "At least 1 hour.").max(168, "At most 168 hours (a week)."),
  noShowGoalPercent: z.number().min(0).max(100).nullable(),
  referralSources: z
    .array(nameText().min(1, "A source needs a name.").max(80, "Keep each source under 80 characters."))
    .max(20, "Up to 20 sources.")
    .refine((list) => new Set(list.map((s) => s.toLowerCase())).size === list.length, "Each source once."),
});

import { z } from "zod";
import { openingHoursSchema } from "@/server/clinic/schemas";
import { instant as instantSchema, multilineText, nameText } from "@/server/validation";

const instant = instantSchema();
const span = z
  .object({
    startsAt: instant,
    endsAt: instant,
    reason: multilineText().max(200, "Use at most 200 characters").optional(),
  })
  .refine((s) => s.endsAt > s.startsAt, { message: "The end must be after the start", path: ["endsAt"] })
  .refine((s) => s.endsAt.getTime() - s.startsAt.getTime() <= 366 * 86_400_000, {
    message: "Use at most one year",
    path: ["endsAt"],
  });

export const closureSchema = span;
export const timeOffSchema = span.and(z.object({ clinicianId: z.string().uuid("Choose a clinician") }));
export const removeByIdSchema = z.object({ id: z.string().uuid("Unknown entry") });

export const clinicianHoursSchema = z.object({
  clinicianId: z.string().uuid("Choose a clinician"),
  hours: openingHoursSchema.nullable(),
});

export const appointmentTypeSchema = z.object({
  name: nameText().min(1, "Enter a name").max(80, "Use at most 80 characters"),
  durationMinutes: z.number().int("Use whole minutes").min(5, "At least 5 minutes").max(480, "At most 8 hours"),
  bufferMinutes: z.number().int("Use whole minutes").min(0, "Cannot be negative").max(240, "At most 4 hours"),
  priceMinor: z.number().int().min(0, "Cannot be negative").max(10_000_000),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, "Use a colour like #0f766e"),
  onlineBookable: z.boolean(),
  active: z.boolean(),
});
export const updateAppointmentTypeSchema = appointmentTypeSchema.extend({
  id: z.string().uuid("Unknown appointment type"),
});

export const bookingRulesSchema = z.object({
  minNoticeMinutes: z
    .number()
    .int()
    .min(0, "Cannot be negative")
    .max(14 * 24 * 60, "At most 14 days"),
  maxAdvanceDays: z.number().int().min(1, "At least 1 day").max(365, "At most 365 days"),
  slotGranularityMinutes: z.union(
    [z.literal(5), z.literal(10), z.literal(15), z.literal(20), z.literal(30), z.literal(60)],
    {
      message: "Choose 5, 10, 15, 20, 30 or 60 minutes",
    },
  ),
});

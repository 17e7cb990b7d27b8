import { z } from "zod";
import { instant as instantSchema, multilineText } from "@/server/validation";

const uuid = (what: string) => z.string().uuid(`Unknown ${what}`);
const instant = instantSchema();
const notes = multilineText().max(2000, "Use at most 2000 characters").optional();

export const calendarRangeSchema = z
  .object({ from: instant, to: instant })
  .refine((r) => r.to > r.from, { message: "The range must end after it starts", path: ["to"] })
  .refine((r) => r.to.getTime() - r.from.getTime() <= 42 * 86_400_000, {
    message: "Show at most 6 weeks at a time",
    path: ["to"],
  });

export const availabilitySchema = z
  .object({ typeId: uuid("appointment type"), clinicianId: uuid("clinician").optional(), from: instant, to: instant })
  .refine((r) => r.to > r.from, { message: "The range must end after it starts", path: ["to"] })
  .refine((r) => r.to.getTime() - r.from.getTime() <= 31 * 86_400_000, {
    message: "Search at most 31 days at a time",
    path: ["to"],
  });

export const bookAppointmentSchema = z.object({
  clinicianId: uuid("clinician"),
  patientId: uuid("patient"),
  typeId: uuid("appointment type"),
  startsAt: instant,
  notes,
});

export const recurringBookingSchema = bookAppointmentSchema.extend({
  weekdays: z
    .array(z.enum(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]))
    .min(1, "Choose at least one weekday")
    .max(7),
  weeks: z.number().int().min(1, "Book at least one week").max(26, "Book at most 26 weeks at a time"),
});

export const rescheduleSchema = z.object({
  id: uuid("appointment"),
  startsAt: instant,
  clinicianId: uuid("clinician").optional(),
});
export const cancelSchema = z.object({
  id: uuid("appointment"),
  reason: multilineText().min(1, "Give a reason for cancelling").max(500, "Use at most 500 characters"),
  /** The clinic cancels (refunds deposits, never a fee); otherwise the patient asked to cancel. */
  byClinic: z.boolean().optional(),
});
export const setStatusSchema = z.object({
  id: uuid("appointment"),
  status: z.enum(["booked", "checked_in", "completed", "no_show"]),
});
export const appointmentIdSchema = z.object({ id: uuid("appointment") });

export type BookAppointmentInput = z.infer<typeof bookAppointmentSchema>;
export const patientAppointmentsSchema = z.object({ patientId: uuid("patient") });

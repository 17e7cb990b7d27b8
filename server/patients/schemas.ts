import { z } from "zod";
import { INT4_MAX, isCalendarDate, nameText, safeText } from "@/server/validation";

const optional = (max: number, opts: { multiline?: boolean } = {}) =>
  safeText(opts)
    .max(max, `Use at most ${max} characters`)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional();

export const patientFieldsSchema = z.object({
  firstName: nameText().min(1, "Enter a first name").max(80, "Use at most 80 characters"),
  lastName: nameText().min(1, "Enter a last name").max(80, "Use at most 80 characters"),
  email: z
    .union([z.literal(""), z.string().trim().toLowerCase().email("Enter a valid email address").max(200)])
    .transform((v) => v || null)
    .nullable()
    .optional(),
  phone: optional(40).refine(
    (v) => !v || /^[+()\d\s.-]{5,40}$/.test(v),
    "Enter a phone number with digits, spaces, +, ( ) or -",
  ),
  dateOfBirth: z
    .union([z.literal(""), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use the date format YYYY-MM-DD")])
    .transform((v) => v || null)
    .nullable()
    .optional()
    .refine(
      (v) => !v || (isCalendarDate(v) && v >= "1900-01-01" && new Date(v) <= new Date()),
      "Enter a real birth date, not in the future",
    ),
  notes: optional(2000, { multiline: true }),
});

export const createPatientSchema = patientFieldsSchema;
export const updatePatientSchema = patientFieldsSchema.extend({ id: z.string().uuid("Unknown patient") });
export const patientIdSchema = z.object({ id: z.string().uuid("Unknown patient") });
export const listPatientsSchema = z.object({
  search: safeText().max(100).optional(),
  limit: z.number().int().min(1).max(100).default(50),
  offset: z.number().int().min(0).max(INT4_MAX).default(0),
});

export type PatientFields = z.infer<typeof patientFieldsSchema>;
export const mergePatientSchema = z.object({
  fromId: z.string().uuid("Unknown patient"),
  intoId: z.string().uuid("Choose the patient to merge into"),
});

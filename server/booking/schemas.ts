import { z } from "zod";
import { calendarDate, instant as instantSchema, int4, linkToken, nameText, safeText } from "@/server/validation";

const slug = safeText().min(1).max(60);
const instant = instantSchema("Choose a date and time");

export const publicClinicSchema = z.object({ slug });
export const publicSlotsSchema = z
  .object({
    slug,
    typeId: z.string().uuid("Choose an appointment type"),
    clinicianId: z.string().uuid("Choose a clinician").optional(),
    from: instant,
    to: instant,
  })
  .refine((r) => r.to > r.from && r.to.getTime() - r.from.getTime() <= 15 * 86_400_000, {
    message: "Search up to 15 days at a time",
    path: ["to"],
  });

/** The date strip asks for a page of days: the first (clinic-local) date and how many, at most 14. */
const dayPage = {
  from: calendarDate("first day"),
  days: int4({ min: 1, max: 14, message: "Ask for 1 to 14 days" }),
};
export const publicDaysSchema = z.object({
  slug,
  typeId: z.string().uuid("Choose an appointment type"),
  clinicianId: z.string().uuid("Choose a clinician").optional(),
  ...dayPage,
});

const name = (what: string) =>
  nameText()
    .min(1, `Enter your ${what}`)
    .max(80, `Use at most 80 characters for your ${what}`)
    .refine((v) => !/[<>{}]/.test(v), `Your ${what} has characters we can't accept`);

export const publicBookSchema = z.object({
  slug,
  typeId: z.string().uuid("Choose an appointment type"),
  clinicianId: z.union([z.literal("any"), z.string().uuid("Choose a clinician")]),
  startsAt: instant,
  firstName: name("first name"),
  lastName: name("last name"),
  email: z.string().trim().toLowerCase().email("Enter a valid email address").max(200),
  phone: z
    .string()
    .trim()
    .min(5, "Enter a phone number")
    .max(40)
    .regex(/^[+()\d\s.-]+$/, "Enter a phone number with digits, spaces, +, ( ) or -"),
  /** "How did you hear about us?" (optional): kept only when it is one of the clinic's choices. */
  referralSource: z.string().trim().max(80).optional(),
});

export const manageTokenSchema = z.object({ token: linkToken() });
export const manageRescheduleSchema = manageTokenSchema.extend({ startsAt: instant });
export const manageSlotsSchema = manageTokenSchema
  .extend({ from: instant, to: instant })
  .refine((r) => r.to > r.from && r.to.getTime() - r.from.getTime() <= 15 * 86_400_000, {
    message: "Search up to 15 days at a time",
    path: ["to"],
  });
export const manageDaysSchema = manageTokenSchema.extend(dayPage);

/** The details step of the booking form, checked in the browser with the same rules as the server. */
export const bookingDetailsSchema = publicBookSchema.pick({
  firstName: true,
  lastName: true,
  email: true,
  phone: true,
  referralSource: true,
});
export type BookingDetails = z.input<typeof bookingDetailsSchema>;

import { onlineBookingPaused } from "@/server/billing/access";
import { plainJson } from "@/server/plain-json";
import { patientProcedure, publicClinicProcedure, router } from "@/server/trpc";
import { limitPublicBooking } from "./limits";
import { freeDays } from "./free-days";
import {
  cancelOnline,
  freeDaysForManagedAppointment,
  getManagedAppointment,
  rescheduleOnline,
  slotsForManagedAppointment,
} from "./manage-online";
import { bookOnline, getPublicClinic, publicSlots } from "./public-booking";
import {
  manageDaysSchema,
  manageRescheduleSchema,
  manageSlotsSchema,
  manageTokenSchema,
  publicBookSchema,
  publicClinicSchema,
  publicDaysSchema,
  publicSlotsSchema,
} from "./schemas";

const appointmentLink = () => patientProcedure("appointment");

export const bookingRouter = router({
  clinic: publicClinicProcedure.input(publicClinicSchema).query(async ({ ctx }) => ({
    ...(await getPublicClinic(ctx.tx, ctx.clinic)),
    /** The clinic's subscription leaves it read-only: the page says "please call us" instead. */
    bookingPaused: await onlineBookingPaused(ctx.tx, ctx.clinic.id),
  })),
  // free times are numbers and strings only: sent without superjson's walk (plain-json.ts)
  slots: publicClinicProcedure
    .input(publicSlotsSchema)
    .query(async ({ ctx, input }) => plainJson(await publicSlots(ctx.tx, ctx.clinic, input, new Date()))),
  /** The date strip: free starts per day for a page of days (the chosen day's times come from slots). */
  days: publicClinicProcedure
    .input(publicDaysSchema)
    .query(({ ctx, input }) => freeDays(ctx.tx, ctx.clinic.id, input, new Date())),
  book: publicClinicProcedure.input(publicBookSchema).mutation(async ({ ctx, input }) => {
    await limitPublicBooking(ctx.db, { ip: ctx.ip, clinicId: ctx.clinic.id, email: input.email });
    return bookOnline(ctx.tx, ctx.clinic, input, new Date());
  }),
  manage: appointmentLink()
    .input(manageTokenSchema)
    .query(({ ctx }) => getManagedAppointment(ctx.tx, ctx.link, new Date())),
  manageSlots: appointmentLink()
    .input(manageSlotsSchema)
    .query(async ({ ctx, input }) => plainJson(await slotsForManagedAppointment(ctx.tx, ctx.link, input, new Date()))),
  manageDays: appointmentLink()
    .input(manageDaysSchema)
    .query(({ ctx, input }) => freeDaysForManagedAppointment(ctx.tx, ctx.link, input, new Date())),
  cancel: appointmentLink()
    .input(manageTokenSchema)
    .mutation(({ ctx }) => cancelOnline(ctx.tx, ctx.link, new Date())),
  reschedule: appointmentLink()
    .input(manageRescheduleSchema)
    .mutation(({ ctx, input }) => rescheduleOnline(ctx.tx, ctx.link, input.startsAt, new Date())),
});

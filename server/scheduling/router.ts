import { clinicProcedure, router, STAFF } from "@/server/trpc";
import { bookAppointment } from "./book";
import { availableSlots, cancelAppointment, listCalendar, rescheduleAppointment, setAppointmentStatus } from "./manage";
import { bookRecurring } from "./recurring";
import {
  availabilitySchema, bookAppointmentSchema, calendarRangeSchema, cancelSchema, recurringBookingSchema, rescheduleSchema, setStatusSchema,
} from "./schemas";

const staff = () => clinicProcedure({ roles: STAFF });
const actorOf = (ctx: { clinic: { id: string }; user: { id: string } }) => ({ clinicId: ctx.clinic.id, userId: ctx.user.id });

export const schedulingRouter = router({
  calendar: staff().input(calendarRangeSchema).query(({ ctx, input }) => listCalendar(ctx.tx, ctx.clinic.id, input)),
  availability: staff()
    .input(availabilitySchema)
    .query(({ ctx, input }) => availableSlots(ctx.tx, ctx.clinic.id, input, { now: new Date(), online: false })),
  book: staff()
    .input(bookAppointmentSchema)
    .mutation(({ ctx, input }) => bookAppointment(ctx.tx, actorOf(ctx), input, { now: new Date(), source: "front_desk" })),
  bookRecurring: staff()
    .input(recurringBookingSchema)
    .mutation(({ ctx, input }) => bookRecurring(ctx.tx, actorOf(ctx), ctx.clinic.timeZone, input, { now: new Date(), source: "front_desk" })),
  reschedule: staff()
    .input(rescheduleSchema)
    .mutation(({ ctx, input }) => rescheduleAppointment(ctx.tx, actorOf(ctx), input, { now: new Date(), source: "front_desk" })),
  cancel: staff().input(cancelSchema).mutation(({ ctx, input }) => cancelAppointment(ctx.tx, actorOf(ctx), input)),
  setStatus: staff().input(setStatusSchema).mutation(({ ctx, input }) => setAppointmentStatus(ctx.tx, actorOf(ctx), input)),
});

import { PRESCRIBERS } from "@/server/exercises/router";
import { plainJson } from "@/server/plain-json";
import { auditRead, clinicProcedure, OWNER_ONLY, router, STAFF } from "@/server/trpc";
import {
  addClosure,
  addTimeOff,
  createAppointmentType,
  getSchedulingSetup,
  removeClosure,
  removeTimeOff,
  setClinicianHours,
  updateAppointmentType,
  updateBookingRules,
} from "./setup";
import {
  newAppointmentTypeSchema,
  bookingRulesSchema,
  clinicianHoursSchema,
  closureSchema,
  removeByIdSchema,
  timeOffSchema,
  updateAppointmentTypeSchema,
} from "./setup-schemas";
import { bookAtDesk, bookRecurringAtDesk, deskBookSchema, deskRecurringSchema } from "@/server/payments/desk-booking";
import { availableSlots, cancelAppointment, listCalendar, rescheduleAppointment, setAppointmentStatus } from "./manage";
import { appointmentsForPatient } from "./patient-appointments";
import {
  availabilitySchema,
  calendarRangeSchema,
  cancelSchema,
  patientAppointmentsSchema,
  rescheduleSchema,
  setStatusSchema,
} from "./schemas";

const staff = () => clinicProcedure({ roles: STAFF });
const owner = () => clinicProcedure({ roles: OWNER_ONLY });
/** Clinicians record their own time off; owners anyone's (server/scheduling/setup.ts decides whose). */
const timeOffKeepers = () => clinicProcedure({ roles: PRESCRIBERS });
const actorOf = (ctx: { clinic: { id: string }; user: { id: string } }) => ({
  clinicId: ctx.clinic.id,
  userId: ctx.user.id,
});

export const schedulingRouter = router({
  calendar: staff()
    .meta(auditRead("calendar.read", "appointment"))
    .input(calendarRangeSchema)
    .query(({ ctx, input }) => listCalendar(ctx.tx, ctx.clinic.id, input)),
  forPatient: staff()
    .meta(auditRead("patient.appointments", "appointment", { from: "input" }))
    .input(patientAppointmentsSchema)
    .query(({ ctx, input }) => appointmentsForPatient(ctx.tx, ctx.clinic.id, input.patientId, new Date())),
  availability: staff()
    .input(availabilitySchema)
    // numbers and strings only: sent without superjson's walk (plain-json.ts)
    .query(async ({ ctx, input }) =>
      // the request's last statement: it goes with the transaction's COMMIT (executeGeneric `last`)
      plainJson(await availableSlots(ctx.tx, ctx.clinic, input, { now: new Date(), online: false, last: true })),
    ),
  // The payment policy applies at the front desk too (server/payments/desk-booking.ts).
  book: staff()
    .input(deskBookSchema)
    .mutation(({ ctx, input }) =>
      bookAtDesk(ctx.tx, { ...actorOf(ctx), clinicSlug: ctx.clinic.slug, clinicName: ctx.clinic.name }, input, {
        now: new Date(),
        source: "front_desk",
      }),
    ),
  bookRecurring: staff()
    .input(deskRecurringSchema)
    .mutation(({ ctx, input }) =>
      bookRecurringAtDesk(
        ctx.tx,
        { ...actorOf(ctx), clinicSlug: ctx.clinic.slug, clinicName: ctx.clinic.name },
        ctx.clinic.timeZone,
        input,
        { now: new Date(), source: "front_desk" },
      ),
    ),
  reschedule: staff()
    .input(rescheduleSchema)
    .mutation(({ ctx, input }) =>
      rescheduleAppointment(ctx.tx, actorOf(ctx), input, { now: new Date(), source: "front_desk" }),
    ),
  cancel: staff()
    .input(cancelSchema)
    .mutation(({ ctx, input }) => cancelAppointment(ctx.tx, actorOf(ctx), input)),
  setStatus: staff()
    .input(setStatusSchema)
    .mutation(({ ctx, input }) => setAppointmentStatus(ctx.tx, actorOf(ctx), input)),

  // set-up: types, rules and closures are the owner's; time off the clinician's own or the owner's
  setup: staff().query(({ ctx }) => getSchedulingSetup(ctx.tx, ctx.clinic.id, new Date())),
  createType: owner()
    .input(newAppointmentTypeSchema)
    .mutation(({ ctx, input }) => createAppointmentType(ctx.tx, actorOf(ctx), input)),
  updateType: owner()
    .input(updateAppointmentTypeSchema)
    .mutation(({ ctx, input }) => updateAppointmentType(ctx.tx, actorOf(ctx), input)),
  updateRules: owner()
    .input(bookingRulesSchema)
    .mutation(({ ctx, input }) => updateBookingRules(ctx.tx, actorOf(ctx), input)),
  setClinicianHours: owner()
    .input(clinicianHoursSchema)
    .mutation(({ ctx, input }) => setClinicianHours(ctx.tx, actorOf(ctx), input)),
  addClosure: owner()
    .input(closureSchema)
    .mutation(({ ctx, input }) => addClosure(ctx.tx, actorOf(ctx), input)),
  removeClosure: owner()
    .input(removeByIdSchema)
    .mutation(({ ctx, input }) => removeClosure(ctx.tx, actorOf(ctx), input.id)),
  addTimeOff: timeOffKeepers()
    .input(timeOffSchema)
    .mutation(({ ctx, input }) => addTimeOff(ctx.tx, { ...actorOf(ctx), role: ctx.clinic.role }, input)),
  removeTimeOff: timeOffKeepers()
    .input(removeByIdSchema)
    .mutation(({ ctx, input }) => removeTimeOff(ctx.tx, { ...actorOf(ctx), role: ctx.clinic.role }, input.id)),
});

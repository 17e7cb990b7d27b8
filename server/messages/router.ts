import { auditRead, clinicProcedure, OWNER_ONLY, router, STAFF } from "@/server/trpc";
import { messageLog, messagesForAppointment } from "./read";
import { forAppointmentSchema, messageLogSchema, reminderSettingsSchema } from "./schemas";
import { getReminderSettings, updateReminderSettings } from "./settings";

export const messagesRouter = router({
  /** Staff: an appointment's messages and whether its patient can be emailed. */
  forAppointment: clinicProcedure({ roles: STAFF })
    .meta(auditRead("messages.read", "message"))
    .input(forAppointmentSchema)
    .query(({ ctx, input }) => messagesForAppointment(ctx.tx, ctx.clinic.id, input.appointmentId)),
  /** Owner: the clinic-wide message log, filtered: today and overdue, upcoming, earlier (or all, newest first). */
  log: clinicProcedure({ roles: OWNER_ONLY })
    .meta(auditRead("messages.log", "message"))
    .input(messageLogSchema)
    .query(({ ctx, input }) => messageLog(ctx.tx, ctx.clinic, input)),
  /** Owner: which reminders the clinic sends. */
  settings: clinicProcedure({ roles: OWNER_ONLY }).query(({ ctx }) => getReminderSettings(ctx.tx, ctx.clinic.id)),
  updateSettings: clinicProcedure({ roles: OWNER_ONLY })
    .input(reminderSettingsSchema)
    .mutation(({ ctx, input }) =>
      updateReminderSettings(ctx.tx, { clinicId: ctx.clinic.id, userId: ctx.user.id }, input),
    ),
});

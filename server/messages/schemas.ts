import { z } from "zod";
import { messageKindEnum, messageStateEnum } from "@/db/schema";
import { instant } from "@/server/validation";

export const forAppointmentSchema = z.object({ appointmentId: z.string().uuid() });

/**
 * The log's parts, as the owner reads them: "now" today's messages and every earlier one still
 * pending or failed (overdue), oldest first; "upcoming" after today, soonest first; "earlier"
 * sent or skipped before today, newest first. Left out: every message, newest due first.
 */
export const MESSAGE_LOG_SECTIONS = ["now", "upcoming", "earlier"] as const;
export type MessageLogSection = (typeof MESSAGE_LOG_SECTIONS)[number];

export const messageLogSchema = z.object({
  section: z.enum(MESSAGE_LOG_SECTIONS).optional(),
  kind: z.enum(messageKindEnum.enumValues).optional(),
  state: z.enum(messageStateEnum.enumValues).optional(),
  /** Due at or after this instant. */
  from: instant().optional(),
  /** Due before this instant. */
  to: instant().optional(),
  /** nextCursor of the previous page. */
  cursor: z
    .string()
    .max(200)
    .regex(/^[\w-]*$/, "Unknown page")
    .optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type MessageLogInput = z.infer<typeof messageLogSchema>;

export const reminderSettingsSchema = z.object({
  reminder24h: z.boolean().optional(),
  reminder2h: z.boolean().optional(),
});
export type ReminderSettingsInput = z.infer<typeof reminderSettingsSchema>;

// Filters of the owners' audit view (and its CSV export).
import { z } from "zod";
import { asciiToken, instant } from "@/server/validation";

export const auditFiltersSchema = z.object({
  /** Accesses and changes of this patient. */
  patientId: z.string().uuid("Unknown patient").optional(),
  /** What this staff member did. */
  actorUserId: z.string().uuid("Unknown staff member").optional(),
  /** At or after this instant. */
  from: instant().optional(),
  /** Before this instant. */
  to: instant().optional(),
});

export const auditLogSchema = auditFiltersSchema.extend({
  cursor: asciiToken(200, "This page of the log is not valid.").optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export type AuditFilters = z.infer<typeof auditFiltersSchema>;
export type AuditLogInput = z.infer<typeof auditLogSchema>;

export const patientAccessSchema = z.object({ patientId: z.string().uuid("Unknown patient") });

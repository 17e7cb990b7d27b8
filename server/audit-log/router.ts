// Owners' audit view: every access to patient data and every change, filtered by patient, staff
// member and date. Looking at the log is itself a read of patient data, and is recorded.
import { auditRead, clinicProcedure, OWNER_ONLY, router } from "@/server/trpc";
import { auditLogPage, patientAccessSummary } from "./read";
import { auditLogSchema, patientAccessSchema } from "./schemas";

export const auditRouter = router({
  list: clinicProcedure({ roles: OWNER_ONLY })
    .meta(auditRead("audit_log.read", "audit_log", { from: "input" }))
    .input(auditLogSchema)
    .query(({ ctx, input }) => auditLogPage(ctx.tx, ctx.clinic.id, input)),
  /** The patient's page: who looked at this patient, each person once. */
  patientAccess: clinicProcedure({ roles: OWNER_ONLY })
    .meta(auditRead("audit_log.read", "audit_log", { from: "input" }))
    .input(patientAccessSchema)
    .query(({ ctx, input }) => patientAccessSummary(ctx.tx, ctx.clinic.id, input.patientId)),
});

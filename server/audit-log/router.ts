// Owners' audit view: every access to patient data and every change, filtered by patient, staff
// member and date. Looking at the log is itself a read of patient data, and is recorded.
import { auditRead, clinicProcedure, OWNER_ONLY, router } from "@/server/trpc";
import { auditLogPage } from "./read";
import { auditLogSchema } from "./schemas";

export const auditRouter = router({
  list: clinicProcedure({ roles: OWNER_ONLY })
    .meta(auditRead("audit_log.read", "audit_log", { from: "input" }))
    .input(auditLogSchema)
    .query(({ ctx, input }) => auditLogPage(ctx.tx, ctx.clinic.id, input)),
});

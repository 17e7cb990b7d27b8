// GET …/settings/audit/export?patient=&staff=&from=YYYY-MM-DD&to=YYYY-MM-DD: the audit view as
// CSV, for owners (app/_lib/clinic-csv-export.ts decides access). The export is itself audited.
import { clinicCsvExport, isDay } from "@/app/_lib/clinic-csv-export";
import { auditLogCsv } from "@/server/audit-log/csv";
import { auditLogRows } from "@/server/audit-log/read";
import { auditFiltersSchema } from "@/server/audit-log/schemas";
import { addDays, wallTimeToUtc } from "@/server/scheduling/zoned-time";
import { OWNER_ONLY } from "@/server/trpc";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ clinicSlug: string }> }) {
  const { clinicSlug } = await params;
  const query = new URL(request.url).searchParams;
  const from = query.get("from");
  const to = query.get("to");
  if ((from !== null && !isDay(from)) || (to !== null && !isDay(to))) {
    return new Response("Dates must look like 2026-03-31.", { status: 400 });
  }
  const ids = auditFiltersSchema.pick({ patientId: true, actorUserId: true }).safeParse({
    patientId: query.get("patient") || undefined,
    actorUserId: query.get("staff") || undefined,
  });
  if (!ids.success) return new Response("Unknown patient or staff member.", { status: 400 });
  return clinicCsvExport({
    clinicSlug,
    roles: OWNER_ONLY,
    filename: `audit-log-${clinicSlug}${from ? `-from-${from}` : ""}${to ? `-to-${to}` : ""}.csv`,
    build: async (tx, membership) => {
      const rows = await auditLogRows(tx, membership.id, {
        ...ids.data,
        from: from ? wallTimeToUtc(from, "00:00", membership.timeZone) : undefined,
        to: to ? wallTimeToUtc(addDays(to, 1), "00:00", membership.timeZone) : undefined,
      });
      return {
        csv: auditLogCsv(rows, membership.timeZone),
        audit: {
          action: "audit_log.export",
          entity: "audit_log",
          patientIds: ids.data.patientId ? [ids.data.patientId] : [],
          details: { route: "settings/audit/export", rows: rows.length },
        },
      };
    },
  });
}

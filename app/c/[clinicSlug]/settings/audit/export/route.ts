// GET …/settings/audit/export?patient=&staff=&from=YYYY-MM-DD&to=YYYY-MM-DD: the audit view as
// CSV, for owners (401 / 404 / 403 as for the settings pages). The export is itself audited.
import { appDb } from "@/db/client";
import { recordRead } from "@/server/audit";
import { auditLogCsv } from "@/server/audit-log/csv";
import { auditLogRows } from "@/server/audit-log/read";
import { auditFiltersSchema } from "@/server/audit-log/schemas";
import { getSessionUser } from "@/server/auth";
import { addDays, wallTimeToUtc } from "@/server/scheduling/zoned-time";
import { withMemberClinic } from "@/server/tenancy";
import { OWNER_ONLY } from "@/server/trpc";

export const dynamic = "force-dynamic";

const isDate = (value: string | null): value is string =>
  value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));

export async function GET(request: Request, { params }: { params: Promise<{ clinicSlug: string }> }) {
  const { clinicSlug } = await params;
  const user = await getSessionUser();
  if (!user) return new Response("Please sign in.", { status: 401 });
  const query = new URL(request.url).searchParams;
  const from = query.get("from");
  const to = query.get("to");
  if ((from !== null && !isDate(from)) || (to !== null && !isDate(to))) {
    return new Response("Dates must look like 2026-03-31.", { status: 400 });
  }
  const ids = auditFiltersSchema.pick({ patientId: true, actorUserId: true }).safeParse({
    patientId: query.get("patient") || undefined,
    actorUserId: query.get("staff") || undefined,
  });
  if (!ids.success) return new Response("Unknown patient or staff member.", { status: 400 });
  const result = await withMemberClinic(appDb(), user.id, clinicSlug, async (tx, membership) => {
    if (!membership) return { status: 404 as const };
    if (!OWNER_ONLY.includes(membership.role)) return { status: 403 as const };
    const filters = {
      ...ids.data,
      from: from ? wallTimeToUtc(from, "00:00", membership.timeZone) : undefined,
      to: to ? wallTimeToUtc(addDays(to, 1), "00:00", membership.timeZone) : undefined,
    };
    const rows = await auditLogRows(tx, membership.id, filters);
    await recordRead(tx, {
      clinicId: membership.id,
      actorUserId: user.id,
      action: "audit_log.export",
      entity: "audit_log",
      patientIds: ids.data.patientId ? [ids.data.patientId] : [],
      details: { route: "settings/audit/export", rows: rows.length },
    });
    return { status: 200 as const, csv: auditLogCsv(rows, membership.timeZone) };
  });
  if (result.status === 404) return new Response("Clinic not found.", { status: 404 });
  if (result.status === 403) return new Response("Your role in this clinic does not allow that.", { status: 403 });
  const name = `audit-log-${clinicSlug}${from ? `-from-${from}` : ""}${to ? `-to-${to}` : ""}.csv`;
  return new Response(result.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
}

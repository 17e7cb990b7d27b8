// GET …/settings/privacy/export?from=YYYY-MM-DD&to=YYYY-MM-DD: the consent log as CSV, for owners
// (app/_lib/clinic-csv-export.ts decides access). Dates are the clinic's local days. Audited.
import { clinicCsvExport, isDay } from "@/app/_lib/clinic-csv-export";
import { consentLogCsv, consentLogRows } from "@/server/consent/log";
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
  return clinicCsvExport({
    clinicSlug,
    roles: OWNER_ONLY,
    filename: `consent-log-${clinicSlug}${from ? `-from-${from}` : ""}${to ? `-to-${to}` : ""}.csv`,
    build: async (tx, membership) => {
      const rows = await consentLogRows(tx, membership.id, {
        from: from ? wallTimeToUtc(from, "00:00", membership.timeZone) : undefined,
        to: to ? wallTimeToUtc(addDays(to, 1), "00:00", membership.timeZone) : undefined,
      });
      return {
        csv: consentLogCsv(rows),
        audit: {
          action: "consent_log.export",
          entity: "consent_log",
          patientIds: [],
          details: { route: "settings/privacy/export", rows: rows.length },
        },
      };
    },
  });
}

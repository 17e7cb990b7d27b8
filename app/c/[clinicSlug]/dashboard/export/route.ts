// GET …/dashboard/export?kind=visits&preset=…&from=…&to=…&clinicianId=…&typeId=…: the rows behind
// one dashboard number as CSV — the same query as the drill-down. Owners and clinicians (their own
// rows only); access as decided by app/_lib/clinic-csv-export.ts. Audited with the patients it names.
import { clinicCsvExport } from "@/app/_lib/clinic-csv-export";
import { idsUnder } from "@/server/audit";
import { drillDownCsv } from "@/server/dashboard/csv";
import { drillDown } from "@/server/dashboard/load";
import { DASHBOARD_ROLES } from "@/server/dashboard/router";
import { drillDownSchema } from "@/server/dashboard/schemas";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ clinicSlug: string }> }) {
  const { clinicSlug } = await params;
  const { kind, ...filters } = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = drillDownSchema.safeParse({ kind, filters });
  if (!parsed.success) return new Response("That export is not one the dashboard offers.", { status: 400 });
  return clinicCsvExport({
    clinicSlug,
    roles: DASHBOARD_ROLES,
    filename: `dashboard-${parsed.data.kind}-${clinicSlug}.csv`,
    build: async (tx, membership, userId) => {
      const viewer = { clinicId: membership.id, timeZone: membership.timeZone, userId, role: membership.role };
      const drill = await drillDown(tx, viewer, parsed.data.kind, parsed.data.filters);
      return {
        csv: drillDownCsv(drill),
        audit: {
          action: "dashboard.export",
          entity: "patient",
          patientIds: idsUnder(drill, "patientId"),
          details: { route: "dashboard/export", kind: parsed.data.kind },
        },
      };
    },
  });
}

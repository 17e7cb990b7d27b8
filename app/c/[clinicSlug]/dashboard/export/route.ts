// GET …/dashboard/export?kind=visits&preset=…&from=…&to=…&clinicianId=…&typeId=…: the rows behind
// one dashboard number as CSV — the same query as the drill-down. Owners and clinicians (their own
// rows only); not signed in 401, not a member 404, front desk 403.
import { appDb } from "@/db/client";
import { getSessionUser } from "@/server/auth";
import { drillDownCsv } from "@/server/dashboard/csv";
import { drillDown } from "@/server/dashboard/load";
import { DASHBOARD_ROLES } from "@/server/dashboard/router";
import { drillDownSchema } from "@/server/dashboard/schemas";
import { withMemberClinic } from "@/server/tenancy";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ clinicSlug: string }> }) {
  const { clinicSlug } = await params;
  const user = await getSessionUser();
  if (!user) return new Response("Please sign in.", { status: 401 });
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const { kind, ...filters } = query;
  const parsed = drillDownSchema.safeParse({ kind, filters });
  if (!parsed.success) return new Response("That export is not one the dashboard offers.", { status: 400 });
  const result = await withMemberClinic(appDb(), user.id, clinicSlug, async (tx, membership) => {
    if (!membership) return { status: 404 as const };
    if (!(DASHBOARD_ROLES as readonly string[]).includes(membership.role)) return { status: 403 as const };
    const viewer = { clinicId: membership.id, timeZone: membership.timeZone, userId: user.id, role: membership.role };
    const drill = await drillDown(tx, viewer, parsed.data.kind, parsed.data.filters);
    return { status: 200 as const, csv: drillDownCsv(drill) };
  });
  if (result.status === 404) return new Response("Clinic not found.", { status: 404 });
  if (result.status === 403) return new Response("Your role in this clinic does not allow that.", { status: 403 });
  return new Response(result.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="dashboard-${parsed.data.kind}-${clinicSlug}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

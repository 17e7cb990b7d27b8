import type { Metadata } from "next";
import { DASHBOARD_ROLES } from "@/server/dashboard/router";
import { dashboardFiltersSchema } from "@/server/dashboard/schemas";
import { requireRole } from "@/server/page-access";
import { Dashboard } from "./dashboard";
import type { Filters } from "./format";

type Query = Record<string, string | string[] | undefined>;

/** The filters the address asks for (filtersQuery writes them); one the schema refuses shows the last 4 weeks. */
function filtersOf(query: Query): Filters {
  const one = (key: string) => (typeof query[key] === "string" ? query[key] : undefined);
  const parsed = dashboardFiltersSchema.safeParse({
    preset: one("preset"),
    from: one("from"),
    to: one("to"),
    clinicianId: one("clinicianId"),
    typeId: one("typeId"),
  });
  return parsed.success ? parsed.data : { preset: "last_4_weeks" };
}

export const metadata: Metadata = { title: "Dashboard" };

// Owners see the clinic; clinicians their own numbers (enforced by the server); front desk 403.
export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ clinicSlug: string }>;
  searchParams: Promise<Query>;
}) {
  const { clinic } = await requireRole((await params).clinicSlug, DASHBOARD_ROLES);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Dashboard</h1>
          <p>
            {clinic.role === "owner"
              ? "How the clinic is doing and where patients are being lost — every number opens the rows behind it."
              : "Your own visits, attendance, utilization and patients."}
          </p>
        </div>
      </div>
      <Dashboard
        slug={clinic.slug}
        isOwner={clinic.role === "owner"}
        timeZone={clinic.timeZone}
        initial={filtersOf(await searchParams)}
      />
    </>
  );
}

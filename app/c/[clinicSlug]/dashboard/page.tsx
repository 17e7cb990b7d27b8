import type { Metadata } from "next";
import { DASHBOARD_ROLES } from "@/server/dashboard/router";
import { requireRole } from "@/server/page-access";
import { Dashboard } from "./dashboard";

export const metadata: Metadata = { title: "Dashboard" };

// Owners see the clinic; clinicians their own numbers (enforced by the server); front desk 403.
export default async function Page({ params }: { params: Promise<{ clinicSlug: string }> }) {
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
      <Dashboard slug={clinic.slug} isOwner={clinic.role === "owner"} timeZone={clinic.timeZone} />
    </>
  );
}

import type { Metadata } from "next";
import { NeedsAttention } from "@/app/_components/outcomes/needs-attention";
import { pageClinic } from "@/server/page-access";
import { ClinicSummary } from "./clinic-summary";

export const metadata: Metadata = { title: "Outcomes" };

export default async function OutcomesPage({ params }: { params: Promise<{ clinicSlug: string }> }) {
  const { clinic } = await pageClinic((await params).clinicSlug);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Outcomes</h1>
          <p>
            {clinic.role === "owner"
              ? "How discharged patients did on validated questionnaires, and who needs attention now."
              : "Validated questionnaires and progress over time."}
          </p>
        </div>
      </div>
      {clinic.role === "owner" ? (
        <>
          <ClinicSummary />
          <NeedsAttention slug={clinic.slug} timeZone={clinic.timeZone} mine={false} />
        </>
      ) : clinic.role === "clinician" ? (
        <NeedsAttention slug={clinic.slug} timeZone={clinic.timeZone} mine />
      ) : (
        <div className="card empty" role="status">
          <h2>For clinicians and owners</h2>
          <p>
            Questionnaire results are part of the clinical record: the treating clinicians and the clinic&apos;s owners
            see them on each patient&apos;s page.
          </p>
        </div>
      )}
    </>
  );
}

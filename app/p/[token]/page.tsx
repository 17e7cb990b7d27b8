import type { Metadata } from "next";
import { pathToken } from "@/app/_lib/path-token";
import { TRPCReactProvider } from "@/app/_lib/trpc";
import { PatientPlan } from "./patient-plan";

export const metadata: Metadata = { title: "Your exercise plan", robots: { index: false } };

export default async function PatientLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <TRPCReactProvider>
      <main className="plan-page">
        <PatientPlan token={pathToken(token)} />
      </main>
    </TRPCReactProvider>
  );
}

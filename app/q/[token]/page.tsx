import type { Metadata } from "next";
import { pathToken } from "@/app/_lib/path-token";
import { TRPCReactProvider } from "@/app/_lib/trpc";
import { QuestionnairePage } from "./questionnaire-page";

export const metadata: Metadata = { title: "Your questionnaire", robots: { index: false } };

export default async function QuestionnaireLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <TRPCReactProvider>
      <main className="plan-page q-page">
        <QuestionnairePage key={token} token={pathToken(token)} />
      </main>
    </TRPCReactProvider>
  );
}

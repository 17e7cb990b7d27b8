import type { Metadata } from "next";
import { TRPCReactProvider } from "@/app/_lib/trpc";
import { QuestionnairePage } from "./questionnaire-page";

export const metadata: Metadata = { title: "Your questionnaire", robots: { index: false } };

export default async function QuestionnaireLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <TRPCReactProvider>
      <main className="plan-page q-page">
        <QuestionnairePage key={token} token={decodeURIComponent(token)} />
      </main>
    </TRPCReactProvider>
  );
}

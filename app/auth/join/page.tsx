// The link in an invitation to someone who already has an account: joining adds them to the clinic.
import type { Metadata } from "next";
import { TRPCReactProvider } from "@/app/_lib/trpc";
import { EmailLinkAction } from "../email-link-action";

export const metadata: Metadata = { title: "Join a clinic" };

export default async function JoinClinicPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return (
    <main className="center-page">
      <div className="card auth-card">
        <h1>Join the clinic</h1>
        <p className="muted">You were invited to a clinic&apos;s team. Continue to join it with your account.</p>
        <TRPCReactProvider>
          <EmailLinkAction kind="join" token={token ?? ""} />
        </TRPCReactProvider>
      </div>
    </main>
  );
}

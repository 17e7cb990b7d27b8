// The link in the sign-up email: confirms the address, creates the clinic and signs its owner in.
import type { Metadata } from "next";
import { TRPCReactProvider } from "@/app/_lib/trpc";
import { EmailLinkAction } from "../email-link-action";

export const metadata: Metadata = { title: "Confirm your email" };

export default async function ConfirmSignUpPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return (
    <main className="center-page">
      <div className="card auth-card">
        <h1>Confirm your email</h1>
        <p className="muted">One step left: your clinic is created when you continue.</p>
        <TRPCReactProvider>
          <EmailLinkAction kind="sign-up" token={token ?? ""} />
        </TRPCReactProvider>
      </div>
    </main>
  );
}

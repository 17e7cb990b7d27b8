// Settings → Payments (owners only: the settings layout decides): the clinic's own Stripe account
// for patient payments (server/payments/connect.ts). Connect opens Stripe's hosted onboarding; coming
// back (?onboarding=return) re-reads the account's state from Stripe.
import type { Metadata } from "next";
import { serverCaller } from "@/server/context";
import { PaymentsPanel } from "./payments-panel";

export const metadata: Metadata = { title: "Payments" };

export default async function PaymentsPage({
  params,
  searchParams,
}: {
  params: Promise<{ clinicSlug: string }>;
  searchParams: Promise<{ onboarding?: string }>;
}) {
  const { clinicSlug } = await params;
  const { onboarding } = await searchParams;
  const settings = await (await serverCaller(clinicSlug)).paymentAccount.settings();
  if (!settings.enabled) {
    return (
      <section className="card" aria-labelledby="payments-h">
        <h2 id="payments-h">Patient payments</h2>
        <p>Payments are off on this server (no Stripe keys are configured): patients book without paying, as before.</p>
      </section>
    );
  }
  return <PaymentsPanel initial={settings} returning={onboarding === "return"} />;
}

// Settings → Billing (owners only: the settings layout decides): plan, seats, status, trial days
// left, next invoice; Subscribe (Stripe Checkout) and Manage billing (Customer Portal).
import type { Metadata } from "next";
import { serverCaller } from "@/server/context";
import { BillingActions } from "./billing-actions";

export const metadata: Metadata = { title: "Billing" };

const STATUS_LABELS: Record<string, string> = {
  none: "Not set up yet",
  trialing: "Free trial",
  active: "Active",
  past_due: "Payment overdue",
  paused: "Paused: the trial ended without a card",
  canceled: "Cancelled",
  unpaid: "Unpaid",
  incomplete: "Waiting for the first payment",
  incomplete_expired: "Expired before the first payment",
};

const dateLabel = (d: Date) =>
  new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric" }).format(d);

export default async function BillingPage({ params }: { params: Promise<{ clinicSlug: string }> }) {
  const { clinicSlug } = await params;
  const summary = await (await serverCaller(clinicSlug)).billing.summary();
  if (!summary.enabled) {
    return (
      <section className="card" aria-labelledby="billing-h">
        <h2 id="billing-h">Billing</h2>
        <p>
          Billing is off on this server (no Stripe keys are configured), so every clinic here has the whole app with
          nothing to pay.
        </p>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="billing-h">
      <h2 id="billing-h">Billing</h2>
      {summary.access === "read_only" ? (
        <div className="alert alert-warn" role="status">
          Junction is read-only for this clinic until the subscription is active again. Your data is all here and can be
          exported; reminders for booked appointments still go out.
        </div>
      ) : null}
      <dl
        style={{ display: "grid", gridTemplateColumns: "max-content 1fr", gap: "0.4rem 1.5rem", margin: "0 0 1.25rem" }}
      >
        <dt>Status</dt>
        <dd data-testid="billing-status">{STATUS_LABELS[summary.status] ?? summary.status}</dd>
        <dt>Plan</dt>
        <dd>{summary.planLabel ?? "—"}</dd>
        <dt>Seats</dt>
        <dd>
          {summary.seats ?? "—"} billed · {summary.bookableClinicians} bookable clinician
          {summary.bookableClinicians === 1 ? "" : "s"} on the team
        </dd>
        {summary.trialDaysLeft !== null && summary.trialEnd ? (
          <>
            <dt>Trial</dt>
            <dd>
              {summary.trialDaysLeft} day{summary.trialDaysLeft === 1 ? "" : "s"} left (ends{" "}
              {dateLabel(summary.trialEnd)})
            </dd>
          </>
        ) : null}
        {summary.pastDueGraceEndsAt ? (
          <>
            <dt>Grace period</dt>
            <dd>Everything keeps working until {dateLabel(summary.pastDueGraceEndsAt)}</dd>
          </>
        ) : null}
        <dt>Next invoice</dt>
        <dd>
          {summary.nextInvoiceAt
            ? dateLabel(summary.nextInvoiceAt)
            : summary.cancelAtPeriodEnd
              ? "None: the subscription ends at the end of this period"
              : "—"}
        </dd>
      </dl>
      <BillingActions canSubscribe={summary.canSubscribe} hasCustomer={summary.hasCustomer} />
    </section>
  );
}

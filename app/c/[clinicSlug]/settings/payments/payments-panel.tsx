"use client";
// The clinic's Stripe account: connect (Stripe-hosted onboarding), what Stripe says about it, disconnect.
import { useMutation } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";

type Settings = {
  enabled: boolean;
  currency: string;
  account: {
    stripeAccountId: string;
    detailsSubmitted: boolean;
    chargesEnabled: boolean;
    payoutsEnabled: boolean;
    platformFeeBps: number;
  } | null;
};

const yesNo = (v: boolean) => (v ? "Yes" : "Not yet");

export function PaymentsPanel({ initial, returning }: { initial: Settings; returning: boolean }) {
  const trpc = useTRPC();
  const [settings, setSettings] = useState(initial);
  const connect = useMutation(
    trpc.paymentAccount.connect.mutationOptions({ onSuccess: (r) => window.location.assign(r.url) }),
  );
  const refresh = useMutation(trpc.paymentAccount.refresh.mutationOptions({ onSuccess: setSettings }));
  const disconnect = useMutation(trpc.paymentAccount.disconnect.mutationOptions({ onSuccess: setSettings }));
  const { mutate: refreshNow } = refresh;
  useEffect(() => {
    if (returning) refreshNow();
  }, [returning, refreshNow]);
  const error = connect.error ?? refresh.error ?? disconnect.error;
  const account = settings.account;
  return (
    <section className="card" aria-labelledby="payments-h">
      <h2 id="payments-h">Patient payments</h2>
      <p>
        Patients pay into the clinic&apos;s own Stripe account, in {settings.currency}. Each appointment type says what
        is asked at booking (Settings → Scheduling): nothing, a saved card, a deposit or the full price.
      </p>
      {error ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(error)}
        </div>
      ) : null}
      {account ? (
        <dl
          style={{
            display: "grid",
            gridTemplateColumns: "max-content 1fr",
            gap: "0.4rem 1.5rem",
            margin: "0 0 1.25rem",
          }}
        >
          <dt>Stripe account</dt>
          <dd>{account.stripeAccountId}</dd>
          <dt>Details submitted</dt>
          <dd data-testid="payments-details">{yesNo(account.detailsSubmitted)}</dd>
          <dt>Charges enabled</dt>
          <dd data-testid="payments-charges">{yesNo(account.chargesEnabled)}</dd>
          <dt>Payouts enabled</dt>
          <dd>{yesNo(account.payoutsEnabled)}</dd>
        </dl>
      ) : (
        <p role="status">Not connected: booking works as before, and nothing is asked of patients.</p>
      )}
      {account && !account.chargesEnabled ? (
        <div className="alert alert-warn" role="status">
          Stripe has not enabled charges yet: finish Stripe&apos;s onboarding to take payments.
        </div>
      ) : null}
      <div className="actions">
        {!account || !account.detailsSubmitted ? (
          <button
            className="btn btn-primary"
            type="button"
            disabled={connect.isPending || connect.isSuccess}
            onClick={() => connect.mutate()}
          >
            {account ? "Continue Stripe onboarding" : "Connect Stripe"}
          </button>
        ) : null}
        {account ? (
          <>
            <button className="btn" type="button" disabled={refresh.isPending} onClick={() => refresh.mutate()}>
              Check status
            </button>
            <button
              className="btn"
              type="button"
              disabled={disconnect.isPending}
              onClick={() => {
                if (window.confirm("Stop taking payments at booking? The Stripe account itself stays yours."))
                  disconnect.mutate();
              }}
            >
              Disconnect
            </button>
          </>
        ) : null}
      </div>
    </section>
  );
}

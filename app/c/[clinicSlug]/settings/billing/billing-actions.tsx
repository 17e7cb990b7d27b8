"use client";
// Subscribe (Stripe Checkout) and Manage billing (Customer Portal): each creates its session on
// demand and sends the owner there. The button stays disabled while the first click is under way.
import { useMutation } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";

export function BillingActions({ canSubscribe, hasCustomer }: { canSubscribe: boolean; hasCustomer: boolean }) {
  const trpc = useTRPC();
  const go = { onSuccess: (r: { url: string }) => window.location.assign(r.url) };
  const checkout = useMutation(trpc.billing.checkout.mutationOptions(go));
  const portal = useMutation(trpc.billing.portal.mutationOptions(go));
  const busy = checkout.isPending || portal.isPending || checkout.isSuccess || portal.isSuccess;
  const error = checkout.error ?? portal.error;
  return (
    <>
      {error ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(error)}
        </div>
      ) : null}
      <div className="actions">
        {canSubscribe ? (
          <button className="btn btn-primary" type="button" disabled={busy} onClick={() => checkout.mutate()}>
            Subscribe
          </button>
        ) : null}
        {hasCustomer ? (
          <button
            className={canSubscribe ? "btn" : "btn btn-primary"}
            type="button"
            disabled={busy}
            onClick={() => portal.mutate()}
          >
            {canSubscribe ? "Manage billing" : "Add a card / manage billing"}
          </button>
        ) : null}
      </div>
    </>
  );
}

/** The past-due banner's way straight to the Customer Portal (its session is created on the click). */
export function PortalButton({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const portal = useMutation(
    trpc.billing.portal.mutationOptions({ onSuccess: (r: { url: string }) => window.location.assign(r.url) }),
  );
  return (
    <>
      <button
        className="link-button"
        type="button"
        disabled={portal.isPending || portal.isSuccess}
        onClick={() => portal.mutate()}
      >
        {children}
      </button>
      {portal.error ? <span role="alert"> {errorMessage(portal.error)}</span> : null}
    </>
  );
}

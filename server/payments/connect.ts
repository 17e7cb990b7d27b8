// Connecting a clinic's own Stripe account (Connect, direct charges). The account is created with
// controller properties equivalent to a Standard account: the clinic has the full Stripe Dashboard,
// pays Stripe's fees and owns refunds and disputes (README, Patient payments). Onboarding is
// Stripe-hosted (an Account Link); what Stripe says about the account arrives by account.updated
// (server/payments/webhook.ts) and is re-read when the owner comes back from onboarding.
import { and, eq, isNull } from "drizzle-orm";
import type Stripe from "stripe";
import type { Db, Tx } from "@/db/client";
import { clinicPaymentAccounts, clinics, type ClinicPaymentAccount } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { appUrl } from "@/server/env";
import { DomainError } from "@/server/errors";
import { withClinic, type ClinicRef } from "@/server/tenancy";
import { paymentsClient, paymentsEnabled } from "./config";

type Actor = { clinicId: string; userId: string };

/** The clinic's live connected account (not disconnected), or null. */
export async function liveAccount(tx: Tx, clinicId: string): Promise<ClinicPaymentAccount | null> {
  const [row] = await tx
    .select()
    .from(clinicPaymentAccounts)
    .where(and(eq(clinicPaymentAccounts.clinicId, clinicId), isNull(clinicPaymentAccounts.disconnectedAt)));
  return row ?? null;
}

/** The account patients can pay into right now, or null (payments off, not connected, not yet enabled). */
export async function chargeableAccount(tx: Tx, clinicId: string): Promise<ClinicPaymentAccount | null> {
  if (!paymentsEnabled()) return null;
  const account = await liveAccount(tx, clinicId);
  return account?.chargesEnabled ? account : null;
}

export async function getPaymentsSettings(tx: Tx, clinicId: string) {
  const account = await liveAccount(tx, clinicId);
  const [clinic] = await tx.select({ currency: clinics.currency }).from(clinics).where(eq(clinics.id, clinicId));
  return {
    enabled: paymentsEnabled(),
    currency: clinic!.currency,
    account: account && {
      stripeAccountId: account.stripeAccountId,
      detailsSubmitted: account.detailsSubmitted,
      chargesEnabled: account.chargesEnabled,
      payoutsEnabled: account.payoutsEnabled,
      platformFeeBps: account.platformFeeBps,
      statusUpdatedAt: account.statusUpdatedAt,
    },
  };
}

/** Stores what Stripe reports about an account now (newer facts only). */
export async function applyAccountFacts(tx: Tx, clinicId: string, account: Stripe.Account, seenAt: Date) {
  await tx
    .update(clinicPaymentAccounts)
    .set({
      detailsSubmitted: account.details_submitted ?? false,
      chargesEnabled: account.charges_enabled ?? false,
      payoutsEnabled: account.payouts_enabled ?? false,
      statusUpdatedAt: seenAt,
    })
    .where(and(eq(clinicPaymentAccounts.clinicId, clinicId), eq(clinicPaymentAccounts.stripeAccountId, account.id)));
}

/**
 * "Connect Stripe": the clinic's connected account (created once; a clinic that disconnected gets its
 * old account back) and a fresh Stripe-hosted onboarding link for it.
 */
export async function startConnect(db: Db, actor: Actor, clinic: ClinicRef): Promise<{ url: string }> {
  const stripe = paymentsClient();
  const existing = await withClinic(db, clinic.id, (tx) =>
    tx.select().from(clinicPaymentAccounts).where(eq(clinicPaymentAccounts.clinicId, clinic.id)),
  );
  let accountId = existing[0]?.stripeAccountId;
  if (!accountId) {
    const account = await stripe.accounts.create(
      {
        controller: {
          stripe_dashboard: { type: "full" },
          fees: { payer: "account" },
          losses: { payments: "stripe" },
        },
        business_profile: { name: clinic.name },
        metadata: { clinic_id: clinic.id },
      },
      { idempotencyKey: `junction-connect:${clinic.id}` },
    );
    accountId = account.id;
  }
  await withClinic(db, clinic.id, async (tx) => {
    await tx
      .insert(clinicPaymentAccounts)
      .values({ clinicId: clinic.id, stripeAccountId: accountId })
      .onConflictDoUpdate({ target: clinicPaymentAccounts.clinicId, set: { disconnectedAt: null } });
    await recordAudit(tx, {
      clinicId: clinic.id,
      actorUserId: actor.userId,
      action: "payments.connect",
      entity: "clinic",
      entityId: clinic.id,
      details: { stripeAccountId: accountId },
    });
  });
  const settings = new URL(`/c/${clinic.slug}/settings/payments`, appUrl()).toString();
  const link = await stripe.accountLinks.create({
    account: accountId,
    type: "account_onboarding",
    refresh_url: `${settings}?onboarding=refresh`,
    return_url: `${settings}?onboarding=return`,
  });
  return { url: link.url };
}

/** The owner came back from onboarding: read the account's state now rather than wait for the webhook. */
export async function refreshAccount(db: Db, clinicId: string) {
  const current = await withClinic(db, clinicId, (tx) => liveAccount(tx, clinicId));
  if (!current || !paymentsEnabled()) return withClinic(db, clinicId, (tx) => getPaymentsSettings(tx, clinicId));
  const account = await paymentsClient().accounts.retrieve(current.stripeAccountId);
  return withClinic(db, clinicId, async (tx) => {
    await applyAccountFacts(tx, clinicId, account, new Date());
    return getPaymentsSettings(tx, clinicId);
  });
}

/** Stops taking payments: nothing is offered at booking from now on (the Stripe account itself stays the clinic's). */
export async function disconnectAccount(tx: Tx, actor: Actor) {
  const [row] = await tx
    .update(clinicPaymentAccounts)
    .set({ disconnectedAt: new Date() })
    .where(and(eq(clinicPaymentAccounts.clinicId, actor.clinicId), isNull(clinicPaymentAccounts.disconnectedAt)))
    .returning({ id: clinicPaymentAccounts.stripeAccountId });
  if (!row) throw new DomainError("NOT_CONNECTED", "This clinic has no Stripe account connected.", "CONFLICT");
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: "payments.disconnect",
    entity: "clinic",
    entityId: actor.clinicId,
    details: { stripeAccountId: row.id },
  });
  return getPaymentsSettings(tx, actor.clinicId);
}

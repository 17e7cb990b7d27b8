// The billing gate, asked by the procedure builders in server/trpc.ts (the one place it is
// applied): may this clinic write now? Read in the clinic's own transaction (RLS shows its row).
// With billing off every clinic may.
import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { clinics, clinicSubscriptions } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { billingConfig } from "./config";
import { billingState, type BillingState } from "./state";

export const BILLING_READ_ONLY = "BILLING_READ_ONLY";
export const BOOKING_PAUSED = "BOOKING_PAUSED";

/** The clinic's billing state now (billing off: active, full access). */
export async function loadBillingState(tx: Tx, clinicId: string, now: Date): Promise<BillingState> {
  const config = billingConfig();
  if (!config) return { status: "active", access: "full", pastDueGraceEndsAt: null };
  const [row] = await tx
    .select({ status: clinicSubscriptions.status, pastDueSince: clinicSubscriptions.pastDueSince })
    .from(clinicSubscriptions)
    .where(eq(clinicSubscriptions.clinicId, clinicId));
  return billingState(row ?? null, now, config.graceDays);
}

/** Why a staff write is refused now (the app is read-only for this clinic's subscription), or null. */
export async function billingWriteRefusal(
  tx: Tx,
  clinic: { id: string; slug: string; role: string },
  now = new Date(),
): Promise<DomainError | null> {
  if (!billingConfig()) return null;
  const state = await loadBillingState(tx, clinic.id, now);
  if (state.access === "full") return null;
  const who =
    clinic.role === "owner"
      ? "Open Settings → Billing to subscribe or update the card; everything comes back at once."
      : "Ask the clinic's owner to update billing in Settings → Billing.";
  return new DomainError(
    BILLING_READ_ONLY,
    `This clinic's subscription is not active, so Junction is read-only for now: you can look at and export everything, but not make changes. ${who}`,
    "FORBIDDEN",
    { billingUrl: `/c/${clinic.slug}/settings/billing` },
  );
}

/** Whether the public booking page takes bookings (not while the app is read-only). */
export async function onlineBookingPaused(tx: Tx, clinicId: string, now = new Date()): Promise<boolean> {
  if (!billingConfig()) return false;
  return (await loadBillingState(tx, clinicId, now)).access === "read_only";
}

/** Why a public booking is refused (the clinic is read-only), with the clinic's phone number; or null. */
export async function billingBookingRefusal(tx: Tx, clinicId: string, now = new Date()): Promise<DomainError | null> {
  if (!(await onlineBookingPaused(tx, clinicId, now))) return null;
  const [clinic] = await tx
    .select({ name: clinics.name, phone: clinics.phone })
    .from(clinics)
    .where(eq(clinics.id, clinicId));
  return new DomainError(
    BOOKING_PAUSED,
    bookingPausedMessage(clinic?.name ?? "This clinic", clinic?.phone ?? null),
    "FORBIDDEN",
  );
}

export const bookingPausedMessage = (name: string, phone: string | null) =>
  `${name} is not taking online bookings right now.${phone ? ` Please call us on ${phone} to book.` : " Please call the clinic to book."}`;

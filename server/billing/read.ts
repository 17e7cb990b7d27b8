// What owners see of their clinic's subscription (Settings → Billing) and the banner the staff app
// shows: calm trial days left, past due with the grace period, or read-only.
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { clinicSubscriptions, memberships, type Role } from "@/db/schema";
import { billingConfig, PLAN_LABELS, type Plan } from "./config";
import { billingState } from "./state";

const DAY_MS = 86_400_000;
const daysLeft = (until: Date | null, now: Date) =>
  until ? Math.max(0, Math.ceil((until.getTime() - now.getTime()) / DAY_MS)) : null;

export type BillingSummary =
  | { enabled: false }
  | {
      enabled: true;
      status: string;
      access: "full" | "read_only";
      planLabel: string | null;
      seats: number | null;
      bookableClinicians: number;
      trialEnd: Date | null;
      trialDaysLeft: number | null;
      nextInvoiceAt: Date | null;
      cancelAtPeriodEnd: boolean;
      pastDueGraceEndsAt: Date | null;
      canSubscribe: boolean;
      hasCustomer: boolean;
    };

export async function getBillingSummary(tx: Tx, clinicId: string, now: Date): Promise<BillingSummary> {
  const config = billingConfig();
  if (!config) return { enabled: false };
  const [row] = await tx.select().from(clinicSubscriptions).where(eq(clinicSubscriptions.clinicId, clinicId));
  const [count] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.clinicId, clinicId), eq(memberships.role, "clinician")));
  const state = billingState(row ?? null, now, config.graceDays);
  const status = row?.status ?? "none";
  const paying = status === "active" || status === "past_due";
  return {
    enabled: true,
    status,
    access: state.access,
    planLabel: row?.plan ? PLAN_LABELS[row.plan as Plan] : null,
    seats: row?.quantity ?? null,
    bookableClinicians: count?.n ?? 0,
    trialEnd: row?.trialEnd ?? null,
    trialDaysLeft: status === "trialing" ? daysLeft(row?.trialEnd ?? null, now) : null,
    nextInvoiceAt: status === "canceled" || row?.cancelAtPeriodEnd ? null : (row?.currentPeriodEnd ?? null),
    cancelAtPeriodEnd: row?.cancelAtPeriodEnd ?? false,
    pastDueGraceEndsAt: state.pastDueGraceEndsAt,
    canSubscribe: !paying,
    hasCustomer: !!row,
  };
}

export type BillingBanner =
  | { kind: "trial"; daysLeft: number }
  | { kind: "past_due"; graceEndsAt: Date }
  | { kind: "read_only"; owner: boolean }
  | null;

/** The one banner for this member now: owners see trial and past-due notes; everyone sees read-only. */
export async function getBillingBanner(tx: Tx, clinicId: string, role: Role, now: Date): Promise<BillingBanner> {
  const summary = await getBillingSummary(tx, clinicId, now);
  if (!summary.enabled) return null;
  const owner = role === "owner";
  if (summary.access === "read_only") return { kind: "read_only", owner };
  if (!owner) return null;
  if (summary.pastDueGraceEndsAt) return { kind: "past_due", graceEndsAt: summary.pastDueGraceEndsAt };
  if (summary.trialDaysLeft !== null) return { kind: "trial", daysLeft: summary.trialDaysLeft };
  return null;
}

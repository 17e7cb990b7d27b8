// Billing tests: the Stripe test double (tests/fixtures/stripe-double.ts) and deliveries to the real
// webhook route. The double must be started and its environment set before any app module loads:
// start it inside vi.hoisted() (see billing-webhook.test.ts).
import { eq } from "drizzle-orm";
import { clinicSubscriptions, stripeEvents } from "@/db/schema";
import { adminDb } from "../fixtures/db";
import type { StripeDouble } from "../fixtures/stripe-double";

/** POSTs a body to /api/webhooks/stripe as Stripe would (signed by the double unless a header is given). */
export async function deliver(
  double: StripeDouble,
  body: string | object,
  opts: { signature?: string | null; timestamp?: number } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const { POST } = await import("@/app/api/webhooks/stripe/route");
  const payload = typeof body === "string" ? body : JSON.stringify(body);
  const signature = opts.signature === undefined ? double.sign(payload, { timestamp: opts.timestamp }) : opts.signature;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature) headers["stripe-signature"] = signature;
  const response = await POST(
    new Request("http://localhost/api/webhooks/stripe", { method: "POST", headers, body: payload }),
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export async function subscriptionRow(clinicId: string) {
  const [row] = await adminDb().select().from(clinicSubscriptions).where(eq(clinicSubscriptions.clinicId, clinicId));
  return row ?? null;
}

export async function storedEvent(id: string) {
  const [row] = await adminDb().select().from(stripeEvents).where(eq(stripeEvents.id, id));
  return row ?? null;
}

// POST /api/webhooks/stripe: Stripe's deliveries, verified on the raw body and applied once
// (server/billing/webhook.ts). 413 above 512 KB; 2xx only after the change is committed; 500 on a
// failure so Stripe retries (it does for three days).
import { appDb } from "@/db/client";
import { handleStripeWebhook, MAX_WEBHOOK_BYTES } from "@/server/billing/webhook";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const answer = (status: number, body: Record<string, unknown>) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

export async function POST(request: Request): Promise<Response> {
  const tooLarge = () => answer(413, { error: "Webhook body too large." });
  if (Number(request.headers.get("content-length") ?? "0") > MAX_WEBHOOK_BYTES) return tooLarge();
  const rawBody = await request.text();
  if (Buffer.byteLength(rawBody, "utf8") > MAX_WEBHOOK_BYTES) return tooLarge();
  try {
    const result = await handleStripeWebhook(appDb(), rawBody, request.headers.get("stripe-signature"));
    return answer(result.status, result.body);
  } catch (error) {
    console.error(
      `[stripe webhook] failed, Stripe will retry: ${error instanceof Error ? error.message : String(error)}`,
    );
    return answer(500, { error: "Webhook processing failed; it will be retried." });
  }
}

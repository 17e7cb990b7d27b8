// Without Stripe keys (self-hosting, `npm run dev`) billing is off: every clinic has the whole
// app, Settings → Billing says so, no trial is created and the webhook endpoint does not exist.
import { describe, expect, test } from "vitest";
import { POST } from "@/app/api/webhooks/stripe/route";
import { callerFor, refusal, shownMessage } from "../fixtures/callers";
import { makePatient, seedClinic } from "../fixtures/clinic";
import { subscriptionRow } from "./billing-fixtures";

describe("with billing off", () => {
  test("a new clinic has no subscription, can do everything, and Billing says billing is off", async () => {
    const c = await seedClinic();
    expect(await subscriptionRow(c.id)).toBeNull();
    await expect(
      callerFor(c.frontDesk, c.slug).patients.create(makePatient({ notes: undefined })),
    ).resolves.toBeDefined();
    const owner = callerFor(c.owner, c.slug);
    expect(await owner.billing.summary()).toEqual({ enabled: false });
    expect(await owner.billing.banner()).toBeNull();
    expect(shownMessage(await refusal(owner.billing.checkout()))).toBe("Billing is not enabled on this server.");
  });

  test("the webhook endpoint answers 404", async () => {
    const response = await POST(
      new Request("http://localhost/api/webhooks/stripe", {
        method: "POST",
        body: "{}",
        headers: { "stripe-signature": "t=1,v1=x" },
      }),
    );
    expect(response.status).toBe(404);
  });
});

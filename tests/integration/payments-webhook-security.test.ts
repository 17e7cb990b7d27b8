// Connect webhooks cannot be forged or misdirected: Stripe needs the Connect endpoint's secret to run
// at all; a connected account's event verifies with that secret only (the platform's, or any other,
// answers 400 and changes nothing); an event from an account of no clinic, or whose metadata names
// another clinic than the account's, is acknowledged, logged and ignored.
import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { callerFor } from "../fixtures/callers";
import { seedClinic, type SeededClinic } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";
import { DOUBLE_WEBHOOK_SECRET } from "../fixtures/stripe-double";
import { deliver } from "./billing-fixtures";
import { connectClinic, ledger, receipts } from "./payments-fixtures";

const double = await vi.hoisted(async () => (await import("../fixtures/stripe-double")).startStripeDoubleForApp());

let a: SeededClinic;
let b: SeededClinic;
let account: string;

beforeAll(async () => {
  a = await seedClinic();
  b = await seedClinic();
  account = await connectClinic(a);
  return () => double.close();
});
afterEach(() => vi.restoreAllMocks());

const storedEvents = async () =>
  (await adminDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM stripe_events`)).rows[0]!.n;

/** A payment link sent to a new patient of clinic A and paid in Checkout: the completed session and its event. */
async function paidLink() {
  const p = await callerFor(a.owner, a.slug).patients.create({
    firstName: "Lena",
    lastName: `Fischer ${Math.floor(Math.random() * 1e6)}`,
    email: `lena.${Math.floor(Math.random() * 1e9)}@example.com`,
  });
  await callerFor(a.frontDesk, a.slug).charges.sendLink({
    patientId: p.id,
    amountMinor: 4000,
    key: crypto.randomUUID(),
  });
  const link = (await receipts(a)).filter((m) => m.kind === "payment_link").at(-1)!;
  const session = double.connect.sessions.get(link.details.url!.split("/").at(-1)!)!;
  const pi = double.payments.paidIntent(4000, "usd", account, session.metadata as Record<string, unknown>);
  const completed = { ...session, status: "complete", payment_status: "paid", payment_intent: pi.id };
  return { patientId: p.id, completed };
}

describe("configuration", () => {
  test("Stripe does not start without the Connect endpoint's signing secret", async () => {
    const saved = process.env.STRIPE_CONNECT_WEBHOOK_SECRET;
    delete process.env.STRIPE_CONNECT_WEBHOOK_SECRET;
    try {
      vi.resetModules();
      const { billingConfig } = await import("@/server/billing/config");
      expect(() => billingConfig()).toThrow(/STRIPE_CONNECT_WEBHOOK_SECRET/);
    } finally {
      process.env.STRIPE_CONNECT_WEBHOOK_SECRET = saved;
      vi.resetModules();
    }
  });
});

describe("a Connect delivery", () => {
  test("signed with a wrong secret, or with the platform's, is refused with 400 and changes nothing", async () => {
    const { patientId, completed } = await paidLink();
    const event = { ...double.event("checkout.session.completed", completed), account };
    const payload = JSON.stringify(event);
    const events = await storedEvents();
    for (const secret of ["whsec_someone_else", DOUBLE_WEBHOOK_SECRET]) {
      const answer = await deliver(double, payload, { signature: double.sign(payload, { secret }) });
      expect(answer).toMatchObject({ status: 400, body: { error: "Webhook refused: bad signature." } });
    }
    expect(await storedEvents()).toBe(events);
    expect(await ledger(a, sql`patient_id = ${patientId}`)).toEqual([]);
    // Signed by the Connect endpoint, the same delivery is applied.
    expect((await deliver(double, payload)).status).toBe(200);
    expect(await ledger(a, sql`patient_id = ${patientId}`)).toMatchObject([{ kind: "payment", amount_minor: 4000 }]);
  });

  test("a platform event signed with the Connect secret is refused", async () => {
    const event = double.event("customer.subscription.updated", { id: "sub_x", customer: "cus_x" });
    const payload = JSON.stringify(event);
    const answer = await deliver(double, payload, {
      signature: double.sign(payload, { secret: "whsec_test_double_connect_secret" }),
    });
    expect(answer.status).toBe(400);
  });

  test("from an account of no clinic: acknowledged, logged, nothing written", async () => {
    const { patientId, completed } = await paidLink();
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
    const event = { ...double.event("checkout.session.completed", completed), account: "acct_nobodys" };
    expect((await deliver(double, event)).body).toMatchObject({ ignored: "unknown account" });
    expect(lines.join("\n")).toMatch(/acct_nobodys\): refused, the account is no clinic's/);
    expect(await ledger(a, sql`patient_id = ${patientId}`)).toEqual([]);
  });

  test("whose metadata names another clinic than the account's: acknowledged, logged, nothing written", async () => {
    const { patientId, completed } = await paidLink();
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
    const metadata = (completed as { metadata?: Record<string, string> }).metadata;
    const forged = { ...completed, metadata: { ...metadata, junction_clinic_id: b.id } };
    const event = { ...double.event("checkout.session.completed", forged), account };
    expect((await deliver(double, event)).body).toMatchObject({ ignored: "another clinic's metadata" });
    expect(lines.join("\n")).toContain(`but the metadata names clinic ${b.id}`);
    expect(await ledger(a, sql`patient_id = ${patientId}`)).toEqual([]);
    expect(await ledger(b)).toEqual([]);
  });
});

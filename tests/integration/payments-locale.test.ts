// Money is written in the clinic's locale everywhere a person reads it: the receipt and payment-link
// emails, the fee the desk confirms, and the refusals in words. A London clinic (en-GB, GBP) reads
// "£1,234.56"; a Johannesburg clinic (en-ZA, which the currency map leaves on USD) reads "US$1 234,56".
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { emailOutbox } from "@/db/schema";
import { callerFor, refusal, shownMessage } from "../fixtures/callers";
import { seedClinic, type SeededClinic } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";
import { deliverDue } from "./messages-fixtures";
import { appointment, connectClinic, saveCard, setFees } from "./payments-fixtures";

const double = await vi.hoisted(async () => (await import("../fixtures/stripe-double")).startStripeDoubleForApp());

const key = () => crypto.randomUUID();
// Intl groups en-ZA thousands with a no-break space.
const space = "[\\s\\u00a0\\u202f]";

const CLINICS = [
  {
    label: "a London clinic (en-GB, GBP)",
    zone: "Europe/London",
    locale: "en-GB",
    currency: "GBP",
    amount: /£1,234\.56/,
    left: "Only £1,234.56 of this payment is left to refund.",
    fee: /^£50\.00$/,
    cap: /\(£100,000\.00\)/,
    day: /on \w{3} \d{1,2} \w{3} \d{4}\./,
  },
  {
    label: "a Johannesburg clinic (en-ZA, USD)",
    zone: "Africa/Johannesburg",
    locale: "en-ZA",
    currency: "USD",
    amount: new RegExp(`US\\$1${space}234,56`),
    left: new RegExp(`^Only US\\$1${space}234,56 of this payment is left to refund\\.$`),
    fee: /^US\$50,00$/,
    cap: new RegExp(`\\(US\\$100${space}000,00\\)`),
    day: /on \w{3} \d{1,2} \w{3} \d{4}\./,
  },
  {
    label: "a Chicago clinic (en-US, USD)",
    zone: "America/Chicago",
    locale: "en-US",
    currency: "USD",
    amount: /\$1,234\.56/,
    left: "Only $1,234.56 of this payment is left to refund.",
    fee: /^\$50\.00$/,
    cap: /\(\$100,000\.00\)/,
    day: /on \w{3}, \w{3} \d{1,2}, \d{4}\./,
  },
] as const;

let clinics: SeededClinic[];

beforeAll(async () => {
  clinics = [];
  for (const c of CLINICS) {
    const clinic = await seedClinic();
    await adminDb().execute(
      sql`UPDATE clinics SET time_zone = ${c.zone}, locale = ${c.locale}, currency = ${c.currency} WHERE id = ${clinic.id}`,
    );
    clinics.push(clinic);
  }
  return () => double.close();
});

describe.each(CLINICS.map((c, i) => [c.label, i] as const))("%s", (_label, i) => {
  const c = CLINICS[i]!;
  const desk = () => callerFor(clinics[i]!.frontDesk, clinics[i]!.slug);
  const newPatient = () =>
    callerFor(clinics[i]!.owner, clinics[i]!.slug).patients.create({
      firstName: "Amara",
      lastName: `Okafor ${Math.floor(Math.random() * 1e6)}`,
      email: `amara.${Math.floor(Math.random() * 1e9)}@example.com`,
    });

  test("the receipt email and a refusal write the amount in the clinic's locale", async () => {
    const clinic = clinics[i]!;
    const p = await newPatient();
    const paid = await desk().charges.record({ patientId: p.id, method: "cash", amountMinor: 123456, key: key() });
    const tooMuch = await refusal(
      desk().charges.refund({ paymentId: paid.payment.id, amountMinor: 200000, reason: "Oops", key: key() }),
    );
    expect(shownMessage(tooMuch)).toMatch(c.left);
    const huge = await refusal(
      desk().charges.record({ patientId: p.id, method: "cash", amountMinor: 10_000_001, key: key() }),
    );
    expect(shownMessage(huge)).toMatch(c.cap);

    await deliverDue(new Date(Date.now() + 60_000));
    const [receipt] = await adminDb()
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.clinicId, clinic.id), eq(emailOutbox.to, p.email!)));
    expect(receipt!.subject).toMatch(c.amount);
    expect(receipt!.text).toMatch(c.amount);
    expect(receipt!.text).toMatch(new RegExp(`${c.amount.source} in credit`));
    expect(receipt!.text).toMatch(c.day); // the day it was received, as the clinic writes dates
  });

  test("the fee the desk confirms and the emailed payment link use the clinic's locale", async () => {
    const clinic = clinics[i]!;
    const account = await connectClinic(clinic);
    await setFees(clinic, { noShow: 5000 });
    const p = await newPatient();
    await saveCard(clinic, p.id, account);
    const visit = await appointment(clinic, p.id, -3);
    await desk().scheduling.setStatus({ id: visit.id, status: "no_show" });
    const quote = await desk().charges.feeQuote({ appointmentId: visit.id });
    expect(quote.applies && quote.amountLabel).toMatch(c.fee);

    const link = await desk().charges.sendLink({ patientId: p.id, amountMinor: 123456, key: key() });
    expect(link.amountLabel).toMatch(c.amount);
    await deliverDue(new Date(Date.now() + 60_000));
    const mail = await adminDb()
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.clinicId, clinic.id), eq(emailOutbox.to, p.email!)));
    const sent = mail.find((m) => !/^(Receipt|Refund)/.test(m.subject))!;
    expect(sent.subject + sent.text).toMatch(c.amount);
  });
});

// What a clinic can do in each billing state, decided in one place (server/trpc.ts): trialing and
// active do everything; past due keeps writing through a grace period; paused, cancelled and unpaid
// clinics are read-only (queries and exports still answer), public booking says "please call us",
// and reminders for appointments already booked still go out. Billing itself stays reachable.
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { clinics } from "@/db/schema";
import { anonymousCaller, callerFor, refusal, shownMessage } from "../fixtures/callers";
import { makePatient, seedClinic, type SeededClinic } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";
import { deliver, subscriptionRow } from "./billing-fixtures";
import { at, bookFollowUp, deliverDue, futureDate, messagesOf, summary, typeIds } from "./messages-fixtures";

// Before any app module loads: the app's Stripe SDK talks to the double.
const double = await vi.hoisted(async () => (await import("../fixtures/stripe-double")).startStripeDoubleForApp());

beforeAll(() => () => double.close());

/** Stripe reports the subscription in this state, and tells us so. */
async function becomes(clinic: SeededClinic, status: string) {
  const sub = (await subscriptionRow(clinic.id))!.stripeSubscriptionId!;
  double.setSubscription(sub, { status });
  const answer = await deliver(double, double.event("customer.subscription.updated", double.subscription(sub)));
  expect(answer.status).toBe(200);
  expect((await subscriptionRow(clinic.id))!.status).toBe(status);
}

const addPatient = (clinic: SeededClinic) =>
  callerFor(clinic.frontDesk, clinic.slug).patients.create(makePatient({ notes: undefined }));

describe("trialing and active clinics", () => {
  test("do everything", async () => {
    const c = await seedClinic();
    expect((await subscriptionRow(c.id))!.status).toBe("trialing");
    await expect(addPatient(c)).resolves.toBeDefined();
    await becomes(c, "active");
    await expect(addPatient(c)).resolves.toBeDefined();
  });
});

describe.each(["paused", "canceled", "unpaid"])("a %s clinic", (status) => {
  let c: SeededClinic;
  beforeAll(async () => {
    c = await seedClinic();
    await adminDb().update(clinics).set({ phone: "+1 541 555 0134" }).where(eq(clinics.id, c.id));
    await becomes(c, status);
  });

  test("refuses every staff write with one clear message, for every role", async () => {
    for (const member of c.staff) {
      const error = await refusal(callerFor(member, c.slug).patients.create(makePatient()));
      expect(error.code).toBe("FORBIDDEN");
      expect(shownMessage(error)).toMatch(/read-only for now: you can look at and export everything/);
    }
    const ownerError = await refusal(addPatient({ ...c, frontDesk: c.owner }));
    expect(shownMessage(ownerError)).toContain("Open Settings → Billing");
    const clinician = await refusal(
      callerFor(c.clinician, c.slug).scheduling.book({
        clinicianId: c.clinician.id,
        patientId: c.patients[0]!.id,
        typeId: (await typeIds(c))["Follow-up"]!,
        startsAt: at(c, futureDate(2), "10:00"),
      }),
    );
    expect(clinician.code).toBe("FORBIDDEN");
  });

  test("still answers queries: the data stays visible and exportable", async () => {
    const list = await callerFor(c.frontDesk, c.slug).patients.list({});
    expect(list.total).toBe(2);
  });

  test("lets the owner reach billing to put it right", async () => {
    const portal = await callerFor(c.owner, c.slug).billing.portal();
    expect(portal.url).toContain("/portal/");
    expect(await callerFor(c.frontDesk, c.slug).billing.banner()).toEqual({ kind: "read_only", owner: false });
  });

  test("pauses public booking with the clinic's phone number", async () => {
    const page = await anonymousCaller().booking.clinic({ slug: c.slug });
    expect(page.bookingPaused).toBe(true);
    const error = await refusal(
      anonymousCaller().booking.book({
        slug: c.slug,
        typeId: (await typeIds(c))["Follow-up"]!,
        clinicianId: "any",
        startsAt: at(c, futureDate(2), "10:00"),
        firstName: "Ada",
        lastName: "Lovelace",
        email: "ada@example.com",
        phone: "+1 541 555 0100",
      }),
    );
    expect(shownMessage(error)).toBe(
      `${c.name} is not taking online bookings right now. Please call us on +1 541 555 0134 to book.`,
    );
  });
});

describe("a past-due clinic", () => {
  test("keeps writing during the grace period, with a banner for owners only; afterwards it is read-only", async () => {
    const c = await seedClinic();
    await becomes(c, "past_due");
    await expect(addPatient(c)).resolves.toBeDefined();
    expect(await callerFor(c.owner, c.slug).billing.banner()).toMatchObject({ kind: "past_due" });
    expect(await callerFor(c.frontDesk, c.slug).billing.banner()).toBeNull();
    expect((await anonymousCaller().booking.clinic({ slug: c.slug })).bookingPaused).toBe(false);

    await adminDb().execute(
      sql`UPDATE clinic_subscriptions SET past_due_since = now() - interval '8 days' WHERE clinic_id = ${c.id}`,
    );
    const error = await refusal(addPatient(c));
    expect(error.code).toBe("FORBIDDEN");
    expect((await anonymousCaller().booking.clinic({ slug: c.slug })).bookingPaused).toBe(true);
  });
});

describe("reminders", () => {
  test("for an appointment booked before the subscription ended still go out", async () => {
    const c = await seedClinic();
    const startsAt = at(c, futureDate(3), "10:00");
    const appointment = await bookFollowUp(c, startsAt);
    await becomes(c, "canceled");
    await deliverDue(new Date(startsAt.getTime() - 24 * 3_600_000 + 60_000));
    expect(summary(await messagesOf(c.id, appointment.id))).toContain(`reminder_24h@${startsAt.toISOString()}: sent`);
  });
});

describe("the owner's trial banner", () => {
  test("shows the days left to owners, calmly, and nothing to the rest of the team", async () => {
    const c = await seedClinic();
    expect(await callerFor(c.owner, c.slug).billing.banner()).toEqual({ kind: "trial", daysLeft: 14 });
    expect(await callerFor(c.clinician, c.slug).billing.banner()).toBeNull();
  });
});

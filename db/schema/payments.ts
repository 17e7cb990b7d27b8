// Patient payments on Stripe Connect (db/migrations/0030_payments.sql explains the design).
// Every amount is a positive integer in minor units with its ISO 4217 currency. The payments ledger's
// kind gives the direction: visit_charge and fee are owed, deposit/prepayment/payment are paid, refund
// returns a paid row (refund_of). Balance = owed - paid + refunded, over status 'succeeded'.
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  char,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { patients } from "./patients";
import { appointments } from "./scheduling";
import { clinics, users } from "./tenancy";

/** The most any one amount may be, in minor units (100,000.00 in a two-decimal currency). */
export const MAX_AMOUNT_MINOR = 10_000_000;

export const PAYMENT_KINDS = ["deposit", "prepayment", "visit_charge", "fee", "payment", "refund"] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];
/** Kinds that add to what the patient owes; the others (but refund) pay it. */
export const OWED_KINDS: readonly PaymentKind[] = ["visit_charge", "fee"];
export const PAID_KINDS: readonly PaymentKind[] = ["deposit", "prepayment", "payment"];

export const PAYMENT_STATUSES = ["pending", "succeeded", "failed", "canceled"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const PAYMENT_METHODS = [
  "card_online",
  "card_on_file",
  "card_terminal",
  "cash",
  "bank_transfer",
  "other",
] as const;
export type PaymentMethodKind = (typeof PAYMENT_METHODS)[number];

export const CHECKOUT_PURPOSES = ["card_on_file", "deposit", "prepayment", "balance"] as const;
export type CheckoutPurpose = (typeof CHECKOUT_PURPOSES)[number];
export type CheckoutStatus = "open" | "completed" | "expired";

/** The clinic's connected account and what Stripe last said about it (account.updated). */
export const clinicPaymentAccounts = pgTable(
  "clinic_payment_accounts",
  {
    clinicId: uuid("clinic_id")
      .primaryKey()
      .references(() => clinics.id, { onDelete: "cascade" }),
    stripeAccountId: text("stripe_account_id").notNull().unique(),
    detailsSubmitted: boolean("details_submitted").notNull().default(false),
    chargesEnabled: boolean("charges_enabled").notNull().default(false),
    payoutsEnabled: boolean("payouts_enabled").notNull().default(false),
    /** The platform's cut of each direct charge, in basis points (0 by default). */
    platformFeeBps: integer("platform_fee_bps").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** When Stripe last told us the account's state (older account.updated events are ignored). */
    statusUpdatedAt: timestamp("status_updated_at", { withTimezone: true }),
    disconnectedAt: timestamp("disconnected_at", { withTimezone: true }),
  },
  (t) => [check("clinic_payment_accounts_fee_check", sql`${t.platformFeeBps} >= 0 AND ${t.platformFeeBps} <= 5000`)],
);

/** The patient's Customer on the clinic's connected account. */
export const patientStripeCustomers = pgTable(
  "patient_stripe_customers",
  {
    clinicId: uuid("clinic_id").notNull(),
    patientId: uuid("patient_id").notNull(),
    stripeAccountId: text("stripe_account_id").notNull(),
    stripeCustomerId: text("stripe_customer_id").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.patientId, t.stripeAccountId] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }).onDelete(
      "cascade",
    ),
  ],
);

/** A card saved for off-session use (SetupIntent), on the clinic's connected account. */
export const patientPaymentMethods = pgTable(
  "patient_payment_methods",
  {
    clinicId: uuid("clinic_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    patientId: uuid("patient_id").notNull(),
    stripeAccountId: text("stripe_account_id").notNull(),
    stripeCustomerId: text("stripe_customer_id").notNull(),
    stripePaymentMethodId: text("stripe_payment_method_id").notNull(),
    brand: text("brand"),
    last4: text("last4"),
    expMonth: smallint("exp_month"),
    expYear: smallint("exp_year"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp("removed_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }).onDelete(
      "cascade",
    ),
    unique("patient_payment_methods_pm_key").on(t.stripeAccountId, t.stripePaymentMethodId),
    index("patient_payment_methods_patient_idx")
      .on(t.clinicId, t.patientId)
      .where(sql`${t.removedAt} IS NULL`),
  ],
);

/** A Stripe Checkout Session we opened (setup or payment mode) and the appointment it holds. */
export const paymentCheckouts = pgTable(
  "payment_checkouts",
  {
    clinicId: uuid("clinic_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    patientId: uuid("patient_id").notNull(),
    appointmentId: uuid("appointment_id"),
    purpose: text("purpose").$type<CheckoutPurpose>().notNull(),
    /** Null for card_on_file (setup mode). */
    amountMinor: integer("amount_minor"),
    currency: char("currency", { length: 3 }).notNull(),
    stripeAccountId: text("stripe_account_id").notNull(),
    stripeCheckoutSessionId: text("stripe_checkout_session_id").unique(),
    status: text("status").$type<CheckoutStatus>().notNull().default("open"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }).onDelete(
      "restrict",
    ),
    foreignKey({
      columns: [t.clinicId, t.appointmentId],
      foreignColumns: [appointments.clinicId, appointments.id],
    }).onDelete("restrict"),
    index("payment_checkouts_appointment_idx").on(t.clinicId, t.appointmentId),
    index("payment_checkouts_open_idx")
      .on(t.expiresAt)
      .where(sql`${t.status} = 'open'`),
  ],
);

/** The ledger: every charge, payment and refund of a patient, in the clinic's currency at the time. */
export const payments = pgTable(
  "payments",
  {
    clinicId: uuid("clinic_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    patientId: uuid("patient_id").notNull(),
    appointmentId: uuid("appointment_id"),
    /** The appointment's clinician and type as it has them now (null without one): kept by triggers (0036), never set by the app. */
    appointmentClinicianId: uuid("appointment_clinician_id"),
    appointmentTypeId: uuid("appointment_type_id"),
    kind: text("kind").$type<PaymentKind>().notNull(),
    amountMinor: integer("amount_minor").notNull(),
    currency: char("currency", { length: 3 }).notNull(),
    status: text("status").$type<PaymentStatus>().notNull(),
    method: text("method").$type<PaymentMethodKind>(),
    /** For a refund: the deposit, prepayment or payment it returns. */
    refundOf: uuid("refund_of"),
    checkoutId: uuid("checkout_id"),
    paymentMethodId: uuid("payment_method_id"),
    stripeAccountId: text("stripe_account_id"),
    stripePaymentIntentId: text("stripe_payment_intent_id"),
    stripeChargeId: text("stripe_charge_id").unique(),
    stripeRefundId: text("stripe_refund_id").unique(),
    /** Unique per clinic: a retried request or replayed webhook writes one row. */
    idempotencyKey: text("idempotency_key").notNull(),
    reason: text("reason"),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** When the money moved (succeeded) or the row was settled as failed/canceled. */
    settledAt: timestamp("settled_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }).onDelete(
      "restrict",
    ),
    foreignKey({
      columns: [t.clinicId, t.appointmentId],
      foreignColumns: [appointments.clinicId, appointments.id],
    }).onDelete("restrict"),
    foreignKey({ columns: [t.clinicId, t.refundOf], foreignColumns: [t.clinicId, t.id] }).onDelete("restrict"),
    foreignKey({
      columns: [t.clinicId, t.checkoutId],
      foreignColumns: [paymentCheckouts.clinicId, paymentCheckouts.id],
    }).onDelete("restrict"),
    foreignKey({
      columns: [t.clinicId, t.paymentMethodId],
      foreignColumns: [patientPaymentMethods.clinicId, patientPaymentMethods.id],
    }).onDelete("restrict"),
    foreignKey({ columns: [t.createdBy], foreignColumns: [users.id] }).onDelete("set null"),
    unique("payments_idempotency_key").on(t.clinicId, t.idempotencyKey),
    uniqueIndex("payments_payment_intent_key")
      .on(t.stripePaymentIntentId)
      .where(sql`${t.stripePaymentIntentId} IS NOT NULL AND ${t.kind} <> 'refund'`),
    index("payments_patient_idx").on(t.clinicId, t.patientId, t.createdAt),
    index("payments_appointment_idx")
      .on(t.clinicId, t.appointmentId)
      .where(sql`${t.appointmentId} IS NOT NULL`),
    // INCLUDE (status, currency, kind, amount_minor, appointment_clinician_id, appointment_type_id, patient_id):
    // the dashboard's revenue reads a period from the index alone (0038; drizzle's builder has no INCLUDE)
    index("payments_clinic_time_idx").on(t.clinicId, t.createdAt),
    // 0031 (after the visit): one visit charge and one fee per appointment; a payment's refunds.
    uniqueIndex("payments_one_visit_charge")
      .on(t.clinicId, t.appointmentId)
      .where(sql`${t.kind} = 'visit_charge'`),
    uniqueIndex("payments_one_fee")
      .on(t.clinicId, t.appointmentId)
      .where(sql`${t.kind} = 'fee'`),
    index("payments_refund_of_idx")
      .on(t.clinicId, t.refundOf)
      .where(sql`${t.refundOf} IS NOT NULL`),
    check("payments_amount_check", sql`${t.amountMinor} > 0 AND ${t.amountMinor} <= 10000000`),
    check("payments_refund_check", sql`(${t.kind} = 'refund') = (${t.refundOf} IS NOT NULL)`),
  ],
);

/**
 * What each patient owes now, per currency and per the clinician and type of the rows' appointments:
 * the sum of app_payment_owing over their succeeded ledger rows. Kept by a trigger on payments
 * (0037_patient_balances.sql); the app's role only reads it.
 */
export const patientBalances = pgTable(
  "patient_balances",
  {
    clinicId: uuid("clinic_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    patientId: uuid("patient_id").notNull(),
    currency: char("currency", { length: 3 }).notNull(),
    appointmentClinicianId: uuid("appointment_clinician_id"),
    appointmentTypeId: uuid("appointment_type_id"),
    balanceMinor: bigint("balance_minor", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    unique("patient_balances_key")
      .on(t.clinicId, t.patientId, t.currency, t.appointmentClinicianId, t.appointmentTypeId)
      .nullsNotDistinct(),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }).onDelete(
      "cascade",
    ),
  ],
);

export type ClinicPaymentAccount = typeof clinicPaymentAccounts.$inferSelect;
export type PatientPaymentMethod = typeof patientPaymentMethods.$inferSelect;
export type PaymentCheckout = typeof paymentCheckouts.$inferSelect;
export type Payment = typeof payments.$inferSelect;
export type NewPayment = typeof payments.$inferInsert;

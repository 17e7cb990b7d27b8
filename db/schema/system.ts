// Tables that are not owned by one clinic: sign-in tokens, abuse limits, the mail outbox and the jobs clock.
import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";

export type EmailAttachment = { filename: string; contentType: string; content: string };

export const authTokens = pgTable("auth_tokens", {
  tokenHash: text("token_hash").primaryKey(),
  email: text("email").notNull(),
  purpose: text("purpose").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * rate-limiter-flexible's Postgres store (server/limits/): one row per limited key (an HMAC, never an
 * IP or email), with its points and expiry in epoch milliseconds. The library's own layout.
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: varchar("key", { length: 255 }).primaryKey(),
    points: integer("points").notNull().default(0),
    expire: bigint("expire", { mode: "number" }),
  },
  (t) => [index("rate_limits_expire_idx").on(t.expire)],
);

export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    idempotencyKey: text("idempotency_key").notNull().unique(),
    clinicId: uuid("clinic_id"),
    template: text("template").notNull(),
    to: text("to_address").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    status: text("status").notNull().default("stored"),
    attachments: jsonb("attachments").$type<EmailAttachment[]>(),
    fromAddress: text("from_address"),
    replyTo: text("reply_to"),
    /** Extra headers sent with the message, e.g. List-Unsubscribe. */
    headers: jsonb("headers").$type<Record<string, string>>(),
    providerId: text("provider_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("email_outbox_created_idx").on(t.createdAt)],
);

export type OutboxEmail = typeof emailOutbox.$inferSelect;

/**
 * The jobs clock's offset from real time, one row. Only development and test builds read it
 * (server/jobs/clock.ts): POST /api/dev/clock moves it so the Next process and the worker agree
 * on "now" without anyone sleeping.
 */
export const jobClock = pgTable(
  "job_clock",
  {
    id: smallint("id").primaryKey().default(1),
    offsetMs: bigint("offset_ms", { mode: "number" }).notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("job_clock_single_row", sql`${t.id} = 1`)],
);

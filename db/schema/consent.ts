// Cookie consent (server/consent/): each clinic's consent settings and tags, and the proof of every
// decision visitors make on its public pages. Decisions on Junction's own pages (home, sign-in)
// belong to no clinic and go to platform_consent_records, which the app's role may only insert
// into (db/migrations/0013_consent_rls.sql): nobody reads them through the app.
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { clinics } from "./tenancy";

export const consentSourceEnum = pgEnum("consent_source", ["banner", "settings", "gpc"]);
export type ConsentSource = (typeof consentSourceEnum.enumValues)[number];

/** A clinic's third-party tag for one category: a script address and/or an inline snippet. */
export type ConsentTag = {
  /** Who runs it, shown in the cookie policy, e.g. "Plausible Analytics". */
  provider: string;
  /** https only (server/consent/schemas.ts). */
  scriptUrl?: string;
  inlineScript?: string;
  /** Cookies the tag sets, cleared on withdrawal and listed in the policy; "_ga*" matches a prefix. */
  cookies: string[];
  /**
   * Other https hosts it loads from or sends to ("*.example.com" for subdomains); with the script
   * address's host they are all the booking page lets tags reach (its Content-Security-Policy).
   */
  hosts?: string[];
};
export type ConsentTags = Partial<Record<"preferences" | "analytics" | "marketing", ConsentTag>>;

/** One row per clinic once its owner changes anything; a clinic without a row uses the defaults. */
export const consentSettings = pgTable(
  "consent_settings",
  {
    clinicId: uuid("clinic_id")
      .primaryKey()
      .references(() => clinics.id, { onDelete: "cascade" }),
    /** How long a decision stands before the banner asks again. */
    consentMonths: integer("consent_months").notNull().default(12),
    /** The cookie policy's version; publishing a new one asks every visitor again. */
    policyVersion: integer("policy_version").notNull().default(1),
    policyUpdatedAt: timestamp("policy_updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** The banner's language (server/consent/texts.ts). */
    language: text("language").notNull().default("en"),
    tags: jsonb("tags").$type<ConsentTags>().notNull().default({}),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("consent_settings_months_check", sql`${t.consentMonths} BETWEEN 6 AND 13`),
    check("consent_settings_version_check", sql`${t.policyVersion} >= 1`),
  ],
);

/** Fresh builders per table (a drizzle column builder belongs to one table). */
const decisionColumns = () => ({
  /** The opaque id in the visitor's consent cookie; a browser's later changes carry the same one. */
  consentId: uuid("consent_id").notNull(),
  granted: text("granted").array().notNull(),
  refused: text("refused").array().notNull(),
  policyVersion: integer("policy_version").notNull(),
  /** Language and hash of the banner's wording (server/consent/texts.ts bannerTextVersion). */
  bannerVersion: text("banner_version").notNull(),
  source: consentSourceEnum("source").notNull(),
  /** The browser sent Global Privacy Control: analytics and marketing were refused for it. */
  gpc: boolean("gpc").notNull().default(false),
  /** IPv4 /24 or IPv6 /48 network, never the full address. */
  ipTruncated: text("ip_truncated"),
  /** Browser family only ("Chrome", "Firefox", …), never the full user-agent. */
  userAgentFamily: text("user_agent_family").notNull(),
  decidedAt: timestamp("decided_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

export const consentRecords = pgTable(
  "consent_records",
  {
    clinicId: uuid("clinic_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    ...decisionColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId], foreignColumns: [clinics.id] }).onDelete("cascade"),
    index("consent_records_clinic_decided_idx").on(t.clinicId, t.decidedAt),
    index("consent_records_clinic_consent_idx").on(t.clinicId, t.consentId),
  ],
);

export const platformConsentRecords = pgTable(
  "platform_consent_records",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ...decisionColumns(),
  },
  (t) => [index("platform_consent_records_decided_idx").on(t.decidedAt)],
);

export type ConsentSettingsRow = typeof consentSettings.$inferSelect;
export type ConsentRecord = typeof consentRecords.$inferSelect;

// Staff sessions (db/migrations/0017_staff_sessions.sql): one row per sign-in, ended by sign-out,
// idleness, a password change, "sign out everywhere" or removal from a clinic. Belongs to a user, not a clinic.
import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./tenancy";

export const SESSION_END_REASONS = [
  "signed_out",
  "idle",
  "expired",
  "password_changed",
  "signed_out_everywhere",
  "removed_from_clinic",
] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

export const staffSessions = pgTable(
  "staff_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    endedReason: text("ended_reason").$type<SessionEndReason>(),
  },
  (t) => [
    index("staff_sessions_user_live_idx")
      .on(t.userId)
      .where(sql`${t.endedAt} IS NULL`),
  ],
);

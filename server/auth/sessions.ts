// Staff sessions the server can end. next-auth 4 keeps its JWT strategy (no adapter, no session table of
// its own); the JWT carries the id of a staff_sessions row (claim "sid") and every request checks that row
// through one function call (app_check_staff_session, db/migrations/0017). A row rather than a per-user
// session version, because sign-out must end one device's session only, and idle time is per device.
// Ended by: signing out, idleness (the strictest idle timeout of the user's clinics), the absolute
// lifetime, a password change or "sign out everywhere" (the user's other sessions), removal from a clinic
// (all of them). Activity is recorded at most once a minute, so the check stays one small indexed query.
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { staffSessions, type SessionEndReason } from "@/db/schema";

/** The absolute lifetime of a staff session, whatever its activity (also the JWT's maxAge). */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
export const DEFAULT_IDLE_TIMEOUT_MINUTES = 30;
export const IDLE_TIMEOUT_RANGE = { min: 15, max: 240 } as const;

export type LiveSession = {
  live: true;
  idleTimeoutMinutes: number;
  lastSeenAt: Date;
  /** When the session ends if nothing else happens: last recorded activity + idle timeout. */
  idleDeadline: Date;
};
export type EndedSession = { live: false; reason: SessionEndReason | "unknown" };
export type SessionState = LiveSession | EndedSession;

export async function startStaffSession(db: DbOrTx, input: { userId: string; now?: Date }): Promise<string> {
  const now = input.now ?? new Date();
  const [row] = await db
    .insert(staffSessions)
    .values({ userId: input.userId, createdAt: now, lastSeenAt: now })
    .returning({ id: staffSessions.id });
  return row!.id;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Is this session live? Ends it when idle or too old; with `touch`, records the request as activity
 * (at most once a minute). A token without a session id (issued before sessions were recorded) is unknown.
 */
export async function checkStaffSession(
  db: DbOrTx,
  input: { sessionId: unknown; userId: unknown; now?: Date; touch: boolean },
): Promise<SessionState> {
  const { sessionId, userId } = input;
  if (typeof sessionId !== "string" || typeof userId !== "string" || !UUID.test(sessionId) || !UUID.test(userId)) {
    return { live: false, reason: "unknown" };
  }
  const now = input.now ?? new Date();
  const result = await db.execute<{
    ended_reason: SessionEndReason | "unknown" | null;
    idle_timeout_minutes: number | null;
    last_seen_at: string | Date | null;
  }>(
    sql`SELECT * FROM app_check_staff_session(${sessionId}::uuid, ${userId}::uuid, ${now.toISOString()}::timestamptz, ${input.touch}, ${SESSION_MAX_AGE_SECONDS})`,
  );
  const row = result.rows[0];
  if (!row || row.ended_reason) return { live: false, reason: row?.ended_reason ?? "unknown" };
  const lastSeenAt = new Date(row.last_seen_at ?? now);
  const idleTimeoutMinutes = row.idle_timeout_minutes ?? DEFAULT_IDLE_TIMEOUT_MINUTES;
  return {
    live: true,
    idleTimeoutMinutes,
    lastSeenAt,
    idleDeadline: new Date(lastSeenAt.getTime() + idleTimeoutMinutes * 60_000),
  };
}

export async function endStaffSession(
  db: DbOrTx,
  input: { sessionId: unknown; reason: SessionEndReason; now?: Date },
): Promise<void> {
  if (typeof input.sessionId !== "string" || !UUID.test(input.sessionId)) return;
  await db
    .update(staffSessions)
    .set({ endedAt: input.now ?? new Date(), endedReason: input.reason })
    .where(and(eq(staffSessions.id, input.sessionId), isNull(staffSessions.endedAt)));
}

/** Ends a user's live sessions, except `keep` (the one asking); answers how many ended. */
export async function endUserSessions(
  db: DbOrTx,
  input: { userId: string; reason: SessionEndReason; keep?: string | null; now?: Date },
): Promise<number> {
  const ended = await db
    .update(staffSessions)
    .set({ endedAt: input.now ?? new Date(), endedReason: input.reason })
    .where(
      and(
        eq(staffSessions.userId, input.userId),
        isNull(staffSessions.endedAt),
        input.keep ? ne(staffSessions.id, input.keep) : undefined,
      ),
    )
    .returning({ id: staffSessions.id });
  return ended.length;
}

// Abuse limits on rate-limiter-flexible's PostgreSQL store (table rate_limits, migration 0018), so a
// limit holds across every app instance. Each limit is a named rule read from server/env.ts; keys are
// HMACs of what is limited (an IP, an email, a clinic), never the value itself.
import { createHmac } from "node:crypto";
import type pg from "pg";
import { RateLimiterPostgres } from "rate-limiter-flexible";
import type { Db } from "@/db/client";
import { authSecret, env } from "@/server/env";
import { DomainError } from "@/server/errors";

export type LimitName =
  "signInIp" | "signInAccount" | "signInWait" | "bookingIp" | "bookingClinic" | "bookingEmail" | "consentIp";

type Rule = { points: number; seconds: number };

/** The rules as configured now (read on every use, so a changed setting applies at once). */
export function limitRules(): Record<LimitName, Rule> {
  return {
    signInIp: { points: env.LIMIT_SIGNIN_IP_FAILURES, seconds: env.LIMIT_SIGNIN_IP_WINDOW_MINUTES * 60 },
    // Consecutive failures on one account (forgotten a day after the last one); the wait is derived.
    signInAccount: { points: 1_000_000, seconds: 86_400 },
    // The account's current wait, set with block() after a failure.
    signInWait: { points: 1, seconds: 1 },
    bookingIp: { points: env.LIMIT_BOOKING_PER_IP_HOUR, seconds: 3600 },
    bookingClinic: { points: env.LIMIT_BOOKING_PER_CLINIC_HOUR, seconds: 3600 },
    bookingEmail: { points: env.LIMIT_BOOKING_PER_EMAIL_DAY, seconds: 86_400 },
    consentIp: { points: env.LIMIT_CONSENT_PER_IP, seconds: 600 },
  };
}

const cache = new WeakMap<pg.Pool, Map<string, RateLimiterPostgres>>();

function poolOf(db: Db): pg.Pool {
  const pool = (db as Db & { $client?: pg.Pool }).$client;
  if (!pool) throw new Error("Abuse limits need the pool-backed database, not a transaction");
  return pool;
}

function limiter(db: Db, name: LimitName): RateLimiterPostgres {
  const pool = poolOf(db);
  const rule = limitRules()[name];
  const id = `${name}:${rule.points}:${rule.seconds}`;
  let byRule = cache.get(pool);
  if (!byRule) cache.set(pool, (byRule = new Map()));
  let found = byRule.get(id);
  if (!found) {
    found = new RateLimiterPostgres({
      storeClient: pool,
      storeType: "pool",
      tableName: "rate_limits",
      tableCreated: true,
      keyPrefix: name,
      points: rule.points,
      duration: rule.seconds,
      // Expired rows are swept by one limiter per pool, every five minutes.
      clearExpiredByTimeout: byRule.size === 0,
    });
    byRule.set(id, found);
  }
  return found;
}

/** The stored key: an HMAC, so the table never holds an IP address or an email. */
export function limitKey(name: LimitName, value: string): string {
  return createHmac("sha256", `limits:${authSecret()}`).update(`${name}\n${value}`).digest("base64url").slice(0, 32);
}

/** "40 seconds", "1 minute", "15 minutes": how long until the next try. */
export function waitWords(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

export class LimitReached extends DomainError {
  constructor(
    message: (wait: string) => string,
    readonly retryAfterMs: number,
  ) {
    super("RATE_LIMITED", message(waitWords(retryAfterMs)), "TOO_MANY_REQUESTS");
  }
}

/** Counts one use; refuses (LimitReached) when it goes past the rule's points in its window. */
export async function consume(
  db: Db,
  name: LimitName,
  value: string,
  message: (wait: string) => string,
): Promise<void> {
  await consumeInOrder(db, [{ name, value }], message);
}

/**
 * The counting statement of consumeInOrder for `n` limits: a chain of upserts, each one the
 * library's (RateLimiterPostgres._upsert: a new or expired row starts again at this use, with a new
 * expiry; a live one adds the use), each counting only when the one before stayed within its
 * points. Parameters: $1 now (ms); per limit i, from $2 + 4i: the stored key, the points used, the
 * expiry of a new window (ms), the rule's points. Answers each counted limit's expiry and whether it is
 * now over its points.
 */
function consumeStatement(n: number): string {
  const steps = Array.from({ length: n }, (_, i) => {
    const at = 2 + 4 * i;
    const gate = i === 0 ? "" : `WHERE (SELECT points FROM c${i - 1}) <= $${at - 1}::int`;
    return `c${i} AS (
      INSERT INTO rate_limits (key, points, expire) SELECT $${at}::text, $${at + 1}::int, $${at + 2}::bigint ${gate}
      ON CONFLICT (key) DO UPDATE SET
        points = CASE WHEN rate_limits.expire <= $1::bigint THEN excluded.points ELSE rate_limits.points + excluded.points END,
        expire = CASE WHEN rate_limits.expire <= $1::bigint THEN excluded.expire ELSE rate_limits.expire END
      RETURNING points, expire)`;
  });
  const rows = Array.from(
    { length: n },
    (_, i) => `SELECT ${i} AS i, expire, points > $${5 + 4 * i}::int AS over FROM c${i}`,
  );
  return `WITH ${steps.join(",\n")}\n${rows.join(" UNION ALL ")}`;
}

/**
 * Counts one use of each limit, in order, in one statement (one round trip and one commit, where
 * one consume each took three of each on every public booking); refuses with the first limit that
 * goes past its points. As with one consume after another, the limits after a refused one are not
 * counted: a visitor refused for their address does not use up the clinic's hourly allowance. The
 * rows are the library's (same keys, same columns), so peek, hold and forget read them as before.
 */
export async function consumeInOrder(
  db: Db,
  uses: { name: LimitName; value: string }[],
  message: (wait: string) => string,
): Promise<void> {
  if (uses.length === 0) return;
  const rules = limitRules();
  const now = Date.now();
  const values: unknown[] = [now];
  for (const { name, value } of uses) {
    limiter(db, name); // the pool's sweep of expired rows starts with its first limiter, as it did when consume used it
    const rule = rules[name];
    // the library's stored key is its prefix (the limit's name), a colon and the key
    values.push(`${name}:${limitKey(name, value)}`, 1, now + rule.seconds * 1000, rule.points);
  }
  const { rows } = await poolOf(db).query<{ i: number; expire: string | null; over: boolean }>({
    name: `limits-consume-${uses.length}`,
    text: consumeStatement(uses.length),
    values,
  });
  for (const row of [...rows].sort((a, b) => a.i - b.i)) {
    if (!row.over) continue;
    throw new LimitReached(message, row.expire === null ? -1 : Math.max(Number(row.expire) - Date.now(), 0));
  }
}

/** Points used in the current window and the milliseconds until it ends (0, 0 when nothing is counted). */
export async function peek(db: Db, name: LimitName, value: string): Promise<{ used: number; msLeft: number }> {
  const res = await limiter(db, name).get(limitKey(name, value));
  return res ? { used: res.consumedPoints, msLeft: Math.max(0, res.msBeforeNext) } : { used: 0, msLeft: 0 };
}

/** Adds points without refusing; returns the count now in the window. */
export async function count(db: Db, name: LimitName, value: string): Promise<number> {
  const res = await limiter(db, name).penalty(limitKey(name, value), 1);
  return res.consumedPoints;
}

/** Refuses `name` for `value` for the next `seconds` (peek reports it as used > points). */
export async function hold(db: Db, name: LimitName, value: string, seconds: number): Promise<void> {
  await limiter(db, name).block(limitKey(name, value), seconds);
}

export async function forget(db: Db, name: LimitName, value: string): Promise<void> {
  await limiter(db, name).delete(limitKey(name, value));
}

// What the per-request session check costs (npm run bench, part "sessions"): 50,000 staff sessions of
// 10,000 people, each in a clinic; times the check every request makes (app_check_staff_session, as
// junction_app) against a trivial query on the same pool, and with the once-a-minute activity write.
import { sql } from "drizzle-orm";
import { performance } from "node:perf_hooks";
import { createAdminPool, createAppPool, drizzleFor } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { dropDatabase, ensureDatabaseExists } from "@/db/postgres";
import { checkStaffSession } from "@/server/auth/sessions";

const PEOPLE = 10_000;
const SESSIONS_EACH = 5;
const RUNS = 500;

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function time(fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 50; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  return median(samples);
}

export async function benchSessions(serverUrl: string) {
  const name = `junction_bench_sessions_${process.pid}`;
  const url = await ensureDatabaseExists(serverUrl, name, { recreate: true });
  try {
    await migrateDatabase(url);
    const admin = createAdminPool(url);
    const { rows: clinic } = await admin.query<{ id: string }>(
      "INSERT INTO clinics (slug, name) VALUES ('bench', 'Bench') RETURNING id",
    );
    await admin.query(
      `WITH u AS (INSERT INTO users (email, name) SELECT 'u' || g || '@example.com', 'U' || g FROM generate_series(1, $1) g RETURNING id)
       INSERT INTO memberships (clinic_id, user_id, role) SELECT $2, id, 'clinician' FROM u`,
      [PEOPLE, clinic[0]!.id],
    );
    await admin.query(
      `INSERT INTO staff_sessions (user_id, ended_at, ended_reason)
       SELECT u.id, CASE WHEN g < $1 THEN now() END, CASE WHEN g < $1 THEN 'signed_out' END
       FROM users u, generate_series(1, $1) g`,
      [SESSIONS_EACH],
    );
    await admin.query("ANALYZE");
    const { rows: live } = await admin.query<{ id: string; user_id: string }>(
      "SELECT id, user_id FROM staff_sessions WHERE ended_at IS NULL ORDER BY random() LIMIT 1000",
    );
    const appPool = createAppPool(url);
    const appDb = drizzleFor(appPool);
    const pick = (i: number) => live[i % live.length]!;

    const baseline = await time(() => appDb.execute(sql`SELECT 1`));
    const check = await time((i) =>
      checkStaffSession(appDb, { sessionId: pick(i).id, userId: pick(i).user_id, touch: false }),
    );
    // Two minutes on, every session's activity is due for a write; each call names a session not yet
    // written (550 calls, 1,000 sessions), so every call writes: the worst case, once a minute at most.
    const later = new Date(Date.now() + 2 * 60_000);
    const touching = await time((i) =>
      checkStaffSession(appDb, { sessionId: pick(i).id, userId: pick(i).user_id, touch: true, now: later }),
    );

    console.log(`Sessions: ${PEOPLE * SESSIONS_EACH} rows (${PEOPLE} live); ${RUNS} timed runs each, median shown.`);
    console.table([
      { path: "SELECT 1 as junction_app (round trip)", ms: baseline.toFixed(3) },
      { path: "session check (every request)", ms: check.toFixed(3), extra: (check - baseline).toFixed(3) },
      { path: "session check + activity write", ms: touching.toFixed(3), extra: (touching - baseline).toFixed(3) },
    ]);
    await appPool.end();
    await admin.end();
  } finally {
    await dropDatabase(serverUrl, name);
  }
}

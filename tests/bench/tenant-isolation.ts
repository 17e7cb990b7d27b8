// What tenant isolation costs (the first half of npm run bench, see index.ts). Builds a throwaway
// database with two clinics of 20,000 patients each, then times the same patient search three
// ways: as the table owner (no RLS), as junction_app inside a clinic transaction (RLS on), and
// through the whole tRPC clinicProcedure path; the same for count(*) and the calendar's day read
// (10 clinicians), with the search's EXPLAIN ANALYZE both ways. Then what auditing reads costs: the
// same list through tRPC with its audit row (as shipped) and without. Prints medians and ratios.
import { sql } from "drizzle-orm";
import type { Pool } from "pg";
import { performance } from "node:perf_hooks";
import { createAdminPool, createAppPool, drizzleFor, type Db, type Tx } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { dropDatabase, ensureDatabaseExists } from "@/db/postgres";
import { listPatients } from "@/server/patients/patients";
import { listPatientsSchema } from "@/server/patients/schemas";
import { createCaller } from "@/server/root";
import { listCalendar } from "@/server/scheduling/manage";
import { withClinic } from "@/server/tenancy";
import { clinicProcedure, createCallerFactory, router, STAFF, type Context } from "@/server/trpc";
import { mediansInTurns } from "./load";

const PATIENTS_PER_CLINIC = 20_000;
const RUNS = 200;

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function time(fn: () => Promise<unknown>) {
  for (let i = 0; i < 20; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

/** RLS off and on run by run, alternating (mediansInTurns), so both see the same machine: [off ms, on ms] medians. */
async function paired(off: () => Promise<unknown>, on: () => Promise<unknown>): Promise<[number, number]> {
  const [offMs, onMs] = await mediansInTurns([off, on], { warm: 20, runs: RUNS });
  return [offMs!, onMs!];
}

/** Runs on its own scratch database on the server at `serverUrl`, dropped at the end. */
export async function benchTenantIsolation(serverUrl: string) {
  const name = `junction_bench_${process.pid}`;
  const url = await ensureDatabaseExists(serverUrl, name, { recreate: true });
  try {
    await migrateDatabase(url);
    const admin = createAdminPool(url);
    const clinicIds: string[] = [];
    for (const slug of ["bench-a", "bench-b"]) {
      const { rows } = await admin.query<{ id: string }>(
        "INSERT INTO clinics (slug, name) VALUES ($1, $1) RETURNING id",
        [slug],
      );
      clinicIds.push(rows[0]!.id);
      await admin.query(
        `INSERT INTO patients (clinic_id, first_name, last_name, email)
         SELECT $1, 'First' || g, 'Last' || (g % 5000), 'p' || g || '@example.com' FROM generate_series(1, $2) g`,
        [rows[0]!.id, PATIENTS_PER_CLINIC],
      );
    }
    const { rows: userRows } = await admin.query<{ id: string }>(
      "INSERT INTO users (email, name) VALUES ('bench@example.com', 'Bench') RETURNING id",
    );
    await admin.query("INSERT INTO memberships (clinic_id, user_id, role) VALUES ($1, $2, 'owner')", [
      clinicIds[0],
      userRows[0]!.id,
    ]);
    const day = await seedCalendar(admin, clinicIds);
    await admin.query("VACUUM ANALYZE");
    const adminDb = drizzleFor(admin);
    const appPool = createAppPool(url);
    const appDb = drizzleFor(appPool);
    const clinicId = clinicIds[0]!;
    const input = { search: "Last42", limit: 25, offset: 0 };

    // The owner bypasses RLS; app.clinic_id is set anyway because the search function asks for it.
    const asOwner = <T>(fn: (tx: Tx) => Promise<T>) => withClinic(adminDb, clinicId, fn);
    await printSearchPlans(adminDb, appDb, clinicId);
    const searchRls = () => withClinic(appDb, clinicId, (tx) => listPatients(tx, clinicId, input));
    const [owner, rls] = await paired(() => asOwner((tx) => listPatients(tx, clinicId, input)), searchRls);
    const caller = createCaller({
      db: appDb,
      origin: "staff",
      user: { id: userRows[0]!.id, email: "bench@example.com", name: "Bench" },
      clinicSlug: "bench-a",
      ip: null,
    });
    const full = await time(() => caller.patients.list(input));
    const [countOwner, countRls] = await paired(
      () => asOwner((tx) => tx.execute(sql`SELECT count(*) FROM patients WHERE clinic_id = ${clinicId}`)),
      () => withClinic(appDb, clinicId, (tx) => tx.execute(sql`SELECT count(*) FROM patients`)),
    );

    // The search as it was before 0024 (one LIKE, no search function), as the owner: the old baseline.
    const [plainOwner, rlsAgain] = await paired(
      () =>
        asOwner(async (tx) => {
          await tx.execute(sql`SELECT * FROM patients WHERE clinic_id = ${clinicId} AND search_text LIKE '%last42%'
          ORDER BY lower(last_name), lower(first_name) LIMIT 25`);
          await tx.execute(
            sql`SELECT count(*) FROM patients WHERE clinic_id = ${clinicId} AND search_text LIKE '%last42%'`,
          );
        }),
      searchRls,
    );
    const [calendarOwner, calendarRls] = await paired(
      () => asOwner((tx) => listCalendar(tx, clinicId, day)),
      () => withClinic(appDb, clinicId, (tx) => listCalendar(tx, clinicId, day)),
    );

    console.log(`Patients: ${PATIENTS_PER_CLINIC} in each of 2 clinics; ${RUNS} timed runs each, median shown.`);
    console.log("Each row times RLS off and on alternately, run by run, so both see the same machine load.");
    console.log("RLS ratio = throughput with RLS / without (owner ms / junction_app ms); goal ≥ 0.90 (issue 17, G6).");
    const row = (path: string, off: number, on: number) => ({
      path,
      "RLS off ms": off.toFixed(3),
      "RLS on ms": on.toFixed(3),
      ratio: (off / on).toFixed(2),
      "goal ≥ 0.90": off / on >= 0.9 ? "met" : "missed",
    });
    console.table([
      row("patients.list search (list + total)", owner, rls),
      row("search: plain LIKE as owner (before 0024) vs as shipped, RLS on", plainOwner, rlsAgain),
      row("count(*) (owner: explicit clinic_id; app: policy only)", countOwner, countRls),
      row("calendar day read, 10 clinicians (listCalendar)", calendarOwner, calendarRls),
    ]);
    console.log(`The same search via tRPC clinicProcedure (RLS, membership, audit row): ${full.toFixed(3)} ms.`);
    await benchAuditOverhead(
      {
        db: appDb,
        user: { id: userRows[0]!.id, email: "bench@example.com", name: "Bench" },
        clinicSlug: "bench-a",
        ip: null,
        origin: "staff",
      },
      input,
    );
    await appPool.end();
    await admin.end();
  } finally {
    await dropDatabase(serverUrl, name);
  }
}

/** patients.list exactly as shipped, minus its audit meta: what the list costs without auditing. */
const unaudited = createCallerFactory(
  router({
    list: clinicProcedure({ roles: STAFF })
      .input(listPatientsSchema)
      .query(({ ctx, input }) => listPatients(ctx.tx, ctx.clinic.id, input)),
  }),
);

/**
 * Audited vs not, interleaved run by run so both see the same machine. Goal (issue 12): the
 * audited list keeps at least 0.9× the throughput of the unaudited one.
 */
async function benchAuditOverhead(ctx: Context, search: { search: string; limit: number; offset: number }) {
  const plain = unaudited(ctx);
  const audited = createCaller(ctx);
  const rows: Record<string, string>[] = [];
  for (const [label, input] of [
    ["search (25 of 20,000)", search],
    ["first page (25 of 20,000)", { limit: 25, offset: 0 }],
  ] as const) {
    // the same alternation as RLS off and on (paired): neither always runs right after the other
    const [without, withAudit] = await paired(
      () => plain.list(input),
      () => audited.patients.list(input),
    );
    const ratio = without / withAudit;
    rows.push({
      list: label,
      "without audit ms": without.toFixed(3),
      "with audit ms": withAudit.toFixed(3),
      "throughput ratio": ratio.toFixed(2),
      "goal ≥ 0.90": ratio >= 0.9 ? "met" : "missed",
    });
  }
  console.log("Auditing reads: patients.list via tRPC, one audit_log row per call (in the same transaction).");
  console.table(rows);
}

/** A working day for 10 clinicians in each clinic, 60 days of it (~1 in 20 patients self-booked); returns one day to read. */
async function seedCalendar(admin: Pool, clinicIds: string[]) {
  for (const clinicId of clinicIds) {
    await admin.query(
      `WITH u AS (
         INSERT INTO users (email, name)
         SELECT 'clinician' || g || '-' || $1 || '@example.com', 'Clinician ' || g FROM generate_series(1, 10) g
         RETURNING id)
       INSERT INTO memberships (clinic_id, user_id, role) SELECT $1::uuid, id, 'clinician' FROM u`,
      [clinicId],
    );
    await admin.query(
      "INSERT INTO appointment_types (clinic_id, name, duration_minutes) VALUES ($1, 'Follow-up', 30)",
      [clinicId],
    );
    await admin.query(
      `INSERT INTO appointments (clinic_id, clinician_id, patient_id, type_id, starts_at, ends_at, blocked_until)
       SELECT $1::uuid, m.user_id, p.id, t.id, s, s + interval '30 minutes', s + interval '30 minutes'
       FROM (SELECT user_id, row_number() OVER (ORDER BY user_id) AS n FROM memberships
             WHERE clinic_id = $1 AND role = 'clinician') m
       CROSS JOIN (SELECT id FROM appointment_types WHERE clinic_id = $1) t
       CROSS JOIN generate_series(date '2030-01-01' + time '08:00', date '2030-03-01' + time '16:30', interval '30 minutes') s
       JOIN (SELECT id, row_number() OVER () - 1 AS k FROM patients WHERE clinic_id = $1) p
         ON p.k = (extract(epoch FROM s)::bigint / 1800 * 10 + m.n) % 20000
       WHERE s::time BETWEEN time '08:00' AND time '16:30'`,
      [clinicId],
    );
  }
  // About one patient in 20 booked online and not yet kept or merged: the calendar checks each for a match.
  await admin.query("UPDATE patients SET self_booked_at = now() WHERE (hashtext(id::text) & 2147483647) % 20 = 0");
  return { from: new Date("2030-02-01T00:00:00Z"), to: new Date("2030-02-02T00:00:00Z") };
}

/** EXPLAIN (ANALYZE, BUFFERS) of the search: the plain LIKE query both ways, then as shipped under RLS. */
async function printSearchPlans(adminDb: Db, appDb: Db, clinicId: string) {
  const plain = sql`SELECT * FROM patients WHERE clinic_id = ${clinicId} AND search_text LIKE '%last42%'
    ORDER BY lower(last_name), lower(first_name) LIMIT 25`;
  const shipped = sql`SELECT * FROM patients WHERE clinic_id = ${clinicId}
    AND id IN (SELECT app_patient_search_ids(${clinicId}::uuid, ARRAY['%last42%'], 25, 0))
    AND search_text LIKE '%last42%'
    ORDER BY lower(last_name), lower(first_name), id`;
  const explain = async (label: string, db: Db, query: ReturnType<typeof sql>) => {
    const plan = await withClinic(db, clinicId, (tx) => tx.execute(sql`EXPLAIN (ANALYZE, BUFFERS) ${query}`));
    console.log(`-- ${label}`);
    console.log(plan.rows.map((r) => Object.values(r)[0]).join("\n"));
  };
  await explain("plain LIKE search as table owner (RLS off)", adminDb, plain);
  await explain("plain LIKE search as junction_app (RLS on)", appDb, plain);
  await explain("search as shipped (app_patient_search_ids) as junction_app (RLS on)", appDb, shipped);
  await explain(
    "count(*) as table owner (RLS off), explicit clinic_id",
    adminDb,
    sql`SELECT count(*) FROM patients WHERE clinic_id = ${clinicId}`,
  );
  await explain("count(*) as junction_app (RLS on), the policy only", appDb, sql`SELECT count(*) FROM patients`);
}

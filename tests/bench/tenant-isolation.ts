// What tenant isolation costs (the first half of npm run bench, see index.ts). Builds a throwaway
// database with two clinics of 20,000 patients each, then times the same patient search three
// ways: as the table owner (no RLS), as junction_app inside a clinic transaction (RLS on), and
// through the whole tRPC clinicProcedure path. Then what auditing reads costs: the same list
// through tRPC with its audit row (as shipped) and without. Prints medians and ratios; asserts nothing.
import { sql } from "drizzle-orm";
import { performance } from "node:perf_hooks";
import { createAdminPool, createAppPool, drizzleFor } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { dropDatabase, ensureDatabaseExists } from "@/db/postgres";
import { listPatients } from "@/server/patients/patients";
import { listPatientsSchema } from "@/server/patients/schemas";
import { createCaller } from "@/server/root";
import { withClinic } from "@/server/tenancy";
import { clinicProcedure, createCallerFactory, router, STAFF, type Context } from "@/server/trpc";

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
    await admin.query("ANALYZE");
    const adminDb = drizzleFor(admin);
    const appPool = createAppPool(url);
    const appDb = drizzleFor(appPool);
    const clinicId = clinicIds[0]!;
    const input = { search: "Last42", limit: 25, offset: 0 };

    const owner = await time(() => adminDb.transaction((tx) => listPatients(tx, clinicId, input)));
    const rls = await time(() => withClinic(appDb, clinicId, (tx) => listPatients(tx, clinicId, input)));
    const caller = createCaller({
      db: appDb,
      origin: "staff",
      user: { id: userRows[0]!.id, email: "bench@example.com", name: "Bench" },
      clinicSlug: "bench-a",
      ip: null,
    });
    const full = await time(() => caller.patients.list(input));
    const countOwner = await time(() =>
      adminDb.execute(sql`SELECT count(*) FROM patients WHERE clinic_id = ${clinicId}`),
    );
    const countRls = await time(() =>
      withClinic(appDb, clinicId, (tx) => tx.execute(sql`SELECT count(*) FROM patients`)),
    );

    console.log(`Patients: ${PATIENTS_PER_CLINIC} in each of 2 clinics; ${RUNS} timed runs each, median shown.`);
    console.table([
      { path: "search as table owner (no RLS)", ms: owner.toFixed(3), ratio: "1.00" },
      { path: "search as junction_app, RLS on", ms: rls.toFixed(3), ratio: (rls / owner).toFixed(2) },
      { path: "search via tRPC clinicProcedure", ms: full.toFixed(3), ratio: (full / owner).toFixed(2) },
      { path: "count(*) as owner, explicit clinic_id", ms: countOwner.toFixed(3), ratio: "1.00" },
      {
        path: "count(*) as junction_app, policy only",
        ms: countRls.toFixed(3),
        ratio: (countRls / countOwner).toFixed(2),
      },
    ]);
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
    for (let i = 0; i < 20; i++) {
      await plain.list(input);
      await audited.patients.list(input);
    }
    const without: number[] = [];
    const withAudit: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      await plain.list(input);
      without.push(performance.now() - t);
      t = performance.now();
      await audited.patients.list(input);
      withAudit.push(performance.now() - t);
    }
    const ratio = median(without) / median(withAudit);
    rows.push({
      list: label,
      "without audit ms": median(without).toFixed(3),
      "with audit ms": median(withAudit).toFixed(3),
      "throughput ratio": ratio.toFixed(2),
      "goal ≥ 0.90": ratio >= 0.9 ? "met" : "missed",
    });
  }
  console.log("Auditing reads: patients.list via tRPC, one audit_log row per call (in the same transaction).");
  console.table(rows);
}

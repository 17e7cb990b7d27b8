// What tenant isolation costs (the first half of npm run bench, see index.ts). Builds a throwaway
// database with two clinics of 20,000 patients each, then times the same patient search three
// ways: as the table owner (no RLS), as junction_app inside a clinic transaction (RLS on), and
// through the whole tRPC clinicProcedure path. Prints medians and ratios; asserts nothing.
import { sql } from "drizzle-orm";
import { performance } from "node:perf_hooks";
import { createAdminPool, createAppPool, drizzleFor } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { dropDatabase, ensureDatabaseExists } from "@/db/postgres";
import { listPatients } from "@/server/patients/patients";
import { createCaller } from "@/server/root";
import { withClinic } from "@/server/tenancy";

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
    await appPool.end();
    await admin.end();
  } finally {
    await dropDatabase(serverUrl, name);
  }
}

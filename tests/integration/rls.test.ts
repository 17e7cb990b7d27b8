// PostgreSQL itself keeps clinics apart, whatever the application code does: the app's role
// cannot bypass row-level security, sees nothing until a clinic is chosen for the transaction,
// then sees and writes only that clinic's rows.
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sql } from "drizzle-orm";
import { createAppPool, drizzleFor } from "@/db/client";
import { createCaller } from "@/server/root";
import { requireDatabaseUrl } from "@/server/env";
import { seedClinic, type SeededClinic } from "../fixtures/clinic";
import { adminPool } from "../fixtures/db";

const TENANT_TABLES = [
  "clinics",
  "memberships",
  "patients",
  "audit_log",
  "appointment_types",
  "appointments",
  "closures",
  "time_off",
  "messages",
  "clinic_exercises",
  "clinic_hidden_exercises",
  "programs",
  "program_versions",
  "program_items",
  "program_templates",
  "program_phase_moves",
  "exercise_logs",
  "plan_feedback",
  "consent_settings",
  "consent_records",
  "clinic_instrument_settings",
  "episodes",
  "outcome_schedules",
  "outcome_requests",
  "outcome_responses",
  "patient_merges",
  "clinic_subscriptions",
  "dashboard_patient_visits",
  "clinic_payment_accounts",
  "patient_stripe_customers",
  "patient_payment_methods",
  "payment_checkouts",
  "payments",
  "patient_balances",
] as const;
/** The tenant tables every seeded clinic has rows in. */
const SEEDED_TENANT_TABLES = ["clinics", "memberships", "patients", "audit_log", "appointment_types"] as const;
/** Tables with a clinic_id that are deliberately shared: the mail queue is read across clinics by the sender. */
const SHARED_TABLES_WITH_CLINIC_ID = ["email_outbox"];

const clinicColumn = (table: string) => (table === "clinics" ? "id" : "clinic_id");

let a: SeededClinic;
let b: SeededClinic;
let app: pg.Pool;

beforeAll(async () => {
  a = await seedClinic();
  b = await seedClinic();
  app = createAppPool(requireDatabaseUrl(), 2);
});

afterAll(async () => {
  await app.end();
});

/** Runs fn on one app connection inside a transaction scoped to the clinic, then rolls back. */
async function asClinic<T>(clinicId: string, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await app.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT set_config('app.clinic_id', $1, true)", [clinicId]);
    return await fn(client);
  } finally {
    await client.query("ROLLBACK");
    client.release();
  }
}

/** The SQLSTATE a statement fails with (null when it succeeds). */
async function sqlState(run: () => Promise<unknown>): Promise<string | null> {
  try {
    await run();
    return null;
  } catch (error) {
    return (error as { code?: string }).code ?? "unknown";
  }
}

async function ownerCount(table: string, clinicId?: string): Promise<number> {
  const where = clinicId ? ` WHERE ${clinicColumn(table)} = $1` : "";
  const { rows } = await adminPool().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table}${where}`,
    clinicId ? [clinicId] : [],
  );
  return rows[0]!.n;
}

describe("the application's database role", () => {
  test("is junction_app: not a superuser, cannot bypass row-level security, owns no table", async () => {
    const { rows } = await app.query<{ current_user: string; rolsuper: boolean; rolbypassrls: boolean }>(
      "SELECT current_user, r.rolsuper, r.rolbypassrls FROM pg_roles r WHERE r.rolname = current_user",
    );
    expect(rows).toEqual([{ current_user: "junction_app", rolsuper: false, rolbypassrls: false }]);

    const owned = await adminPool().query<{ relname: string }>(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND pg_get_userbyid(c.relowner) = 'junction_app'`,
    );
    expect(owned.rows).toEqual([]);
  });

  test("every table holding clinic data has forced row-level security with a policy", async () => {
    const { rows } = await adminPool().query<{ table: string; rls: boolean; forced: boolean; policies: number }>(
      `SELECT c.relname AS table, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
              (SELECT count(*)::int FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname) AS policies
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
         AND (c.relname = 'clinics' OR EXISTS (
           SELECT 1 FROM information_schema.columns col
           WHERE col.table_schema = 'public' AND col.table_name = c.relname AND col.column_name = 'clinic_id'))
       ORDER BY c.relname`,
    );
    const tenantTables = rows.filter((r) => !SHARED_TABLES_WITH_CLINIC_ID.includes(r.table));
    expect(tenantTables.map((r) => r.table).sort()).toEqual([...TENANT_TABLES].sort());
    for (const row of tenantTables) expect(row, row.table).toMatchObject({ rls: true, forced: true, policies: 1 });
  });

  test("every tenant table's primary key starts with its clinic", async () => {
    const { rows } = await adminPool().query<{ table: string; columns: string[] }>(
      `SELECT t.relname AS table, array_agg(a.attname::text ORDER BY k.ord) AS columns
       FROM pg_constraint con
       JOIN pg_class t ON t.oid = con.conrelid
       CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       WHERE con.contype = 'p' AND t.relname = ANY($1)
       GROUP BY t.relname`,
      [TENANT_TABLES.filter((t) => t !== "clinics")],
    );
    expect(Object.fromEntries(rows.map((r) => [r.table, r.columns[0]]))).toEqual(
      Object.fromEntries(TENANT_TABLES.filter((t) => t !== "clinics").map((t) => [t, "clinic_id"])),
    );
  });
});

describe("with no clinic chosen", () => {
  test.each(SEEDED_TENANT_TABLES)("%s shows the app nothing, though the rows exist", async (table) => {
    expect(await ownerCount(table)).toBeGreaterThan(0);
    const { rows } = await app.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    expect(rows[0]!.n).toBe(0);
  });

  test("a pooled connection forgets the clinic when the transaction ends", async () => {
    const client = await app.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT set_config('app.clinic_id', $1, true)", [a.id]);
      expect((await client.query("SELECT count(*)::int AS n FROM patients")).rows[0].n).toBe(2);
      await client.query("COMMIT");
      expect((await client.query("SELECT count(*)::int AS n FROM patients")).rows[0].n).toBe(0);
    } finally {
      client.release();
    }
  });

  test("a connection that served clinic A's request shows nothing to the next query without a clinic", async () => {
    const single = createAppPool(requireDatabaseUrl(), 1);
    try {
      const db = drizzleFor(single);
      const caller = createCaller({ db, origin: "staff", user: a.frontDesk, clinicSlug: a.slug, ip: null });
      expect((await caller.patients.list({})).total).toBe(2);
      const after = await db.execute<{ n: number; clinic: string | null }>(
        sql`SELECT count(*)::int AS n, nullif(current_setting('app.clinic_id', true), '') AS clinic FROM patients`,
      );
      expect(after.rows).toEqual([{ n: 0, clinic: null }]);
    } finally {
      await single.end();
    }
  });

  test("the app cannot insert a clinic's rows", async () => {
    const state = await sqlState(() =>
      app.query("INSERT INTO patients (clinic_id, first_name, last_name) VALUES ($1, 'No', 'Clinic')", [a.id]),
    );
    expect(state).toBe("42501"); // insufficient_privilege: new row violates row-level security policy
  });
});

describe("with clinic A chosen for the transaction", () => {
  test.each(SEEDED_TENANT_TABLES)("%s shows exactly A's rows", async (table) => {
    const column = clinicColumn(table);
    const seen = await asClinic(a.id, async (client) => {
      const { rows } = await client.query<{ total: number; others: number }>(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE ${column} <> $1)::int AS others FROM ${table}`,
        [a.id],
      );
      return rows[0]!;
    });
    expect(seen).toEqual({ total: await ownerCount(table, a.id), others: 0 });
    expect(seen.total).toBeGreaterThan(0);
  });

  test("inserting a patient for clinic B is refused by the policy", async () => {
    const state = await asClinic(a.id, (client) =>
      sqlState(() =>
        client.query("INSERT INTO patients (clinic_id, first_name, last_name) VALUES ($1, 'Smuggled', 'In')", [b.id]),
      ),
    );
    expect(state).toBe("42501");
    expect(await ownerCount("patients", b.id)).toBe(2);
  });

  test("moving A's patient to clinic B is refused by the policy", async () => {
    const state = await asClinic(a.id, (client) =>
      sqlState(() => client.query("UPDATE patients SET clinic_id = $1 WHERE id = $2", [b.id, a.patients[0]!.id])),
    );
    expect(state).toBe("42501");
  });

  test("B's patients and team cannot be changed or deleted: the statements match no rows", async () => {
    const affected = await asClinic(a.id, async (client) => ({
      updated: (await client.query("UPDATE patients SET first_name = 'Changed' WHERE clinic_id = $1", [b.id])).rowCount,
      deleted: (await client.query("DELETE FROM patients WHERE clinic_id = $1", [b.id])).rowCount,
      demoted: (await client.query("UPDATE memberships SET role = 'front_desk' WHERE clinic_id = $1", [b.id])).rowCount,
      renamed: (await client.query("UPDATE clinics SET name = 'Taken over' WHERE id = $1", [b.id])).rowCount,
    }));
    expect(affected).toEqual({ updated: 0, deleted: 0, demoted: 0, renamed: 0 });
  });

  test("a patient cannot point at a clinic that does not exist", async () => {
    const state = await sqlState(() =>
      adminPool().query(
        "INSERT INTO patients (clinic_id, first_name, last_name) VALUES (gen_random_uuid(), 'Orphan', 'Row')",
      ),
    );
    expect(state).toBe("23503"); // foreign_key_violation, even for the table owner
  });

  test("the same patient id in two clinics names two different records", async () => {
    const id = a.patients[0]!.id;
    const state = await sqlState(() =>
      adminPool().query("INSERT INTO patients (clinic_id, id, first_name, last_name) VALUES ($1, $2, 'Same', 'Id')", [
        a.id,
        id,
      ]),
    );
    expect(state).toBe("23505"); // unique within a clinic
    const seenFromB = await asClinic(
      b.id,
      async (client) => (await client.query("SELECT * FROM patients WHERE id = $1", [id])).rowCount,
    );
    expect(seenFromB).toBe(0);
  });
});

describe("app_patient_search_ids, the trigram search run as the table owner (migration 0024)", () => {
  const search = (client: pg.PoolClient | pg.Pool, clinicId: string, patterns: string[]) =>
    client.query<{ id: string }>("SELECT app_patient_search_ids($1::uuid, $2::text[]) AS id", [clinicId, patterns]);
  const ownerIds = async (clinicId: string) =>
    (await adminPool().query<{ id: string }>("SELECT id FROM patients WHERE clinic_id = $1", [clinicId])).rows
      .map((r) => r.id)
      .sort();

  test("returns exactly the chosen clinic's matches, never another clinic's", async () => {
    const ids = await asClinic(a.id, async (client) => (await search(client, a.id, ["%"])).rows.map((r) => r.id));
    expect(ids.sort()).toEqual(await ownerIds(a.id));
    const bIds = await ownerIds(b.id);
    expect(ids.some((id) => bIds.includes(id))).toBe(false);
  });

  test("pages through the matches in the list's order, one page at a time", async () => {
    const pages = await asClinic(a.id, async (client) => {
      const page = (offset: number) =>
        client.query<{ id: string }>("SELECT app_patient_search_ids($1::uuid, $2::text[], 1, $3) AS id", [
          a.id,
          ["%"],
          offset,
        ]);
      return [(await page(0)).rows.map((r) => r.id), (await page(1)).rows.map((r) => r.id)];
    });
    expect(pages.map((p) => p.length)).toEqual([1, 1]);
    expect(pages.flat().sort()).toEqual(await ownerIds(a.id));
  });

  test("refuses another clinic than the one chosen for the transaction", async () => {
    expect(await asClinic(a.id, (client) => sqlState(() => search(client, b.id, ["%"])))).toBe("42501");
  });

  test("refuses when no clinic is chosen", async () => {
    expect(await sqlState(() => search(app, a.id, ["%"]))).toBe("42501");
  });
});

describe("app_self_booked_has_match, the calendar's possible-match flag run as the table owner (migration 0024)", () => {
  const check = (client: pg.PoolClient | pg.Pool, clinicId: string, patientId: string) =>
    client.query("SELECT app_self_booked_has_match($1::uuid, $2::uuid) AS m", [clinicId, patientId]);

  test("refuses a patient of another clinic than the one chosen, and refuses with none chosen", async () => {
    const bPatient = b.patients[0]!.id;
    expect(await asClinic(a.id, (client) => sqlState(() => check(client, b.id, bPatient)))).toBe("42501");
    expect(await sqlState(() => check(app, b.id, bPatient))).toBe("42501");
  });
});

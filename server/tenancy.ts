// Where tenancy is decided: membership lookup and the clinic transaction. Every clinic-scoped
// query runs inside withClinic(), which sets app.clinic_id for that transaction only, so
// PostgreSQL row-level security sees exactly one clinic. Each transaction's first statement goes
// with its BEGIN in one round trip (transactionBegunWith, db/client.ts).
import { sql } from "drizzle-orm";
import { transactionBegunWith, type Db, type Tx } from "@/db/client";
import type { Role } from "@/db/schema";

export type ClinicRef = { id: string; slug: string; name: string; timeZone: string };
export type ClinicMembership = ClinicRef & { role: Role };

type MembershipRow = { clinic_id: string; slug: string; name: string; time_zone: string; role: Role };

/** Every clinic the user belongs to, with their role (for the clinic switcher). */
export async function listUserClinics(db: Db, userId: string): Promise<ClinicMembership[]> {
  const result = await db.execute<MembershipRow>(
    sql`SELECT clinic_id, slug, name, time_zone, role FROM app_user_clinics(${userId}::uuid)`,
  );
  return result.rows.map((r) => ({ id: r.clinic_id, slug: r.slug, name: r.name, timeZone: r.time_zone, role: r.role }));
}

/** A slug as looked up: anything no clinic could have (a NUL byte, say) looks up "", which matches none. */
const slugParam = (slug: string) => (/^[A-Za-z0-9-]{1,100}$/.test(slug) ? slug : "");

/** The user's membership in the clinic with this slug, or null (not a member, or no such clinic). */
export async function findMembership(db: Db, userId: string, slug: string): Promise<ClinicMembership | null> {
  const result = await db.execute<MembershipRow>(
    sql`SELECT clinic_id, slug, name, time_zone, role FROM app_user_clinic(${userId}::uuid, ${slugParam(slug)})`,
  );
  const r = result.rows[0];
  return r ? { id: r.clinic_id, slug: r.slug, name: r.name, timeZone: r.time_zone, role: r.role } : null;
}

/** The public face of a clinic (booking page, patient links). */
export async function findClinicBySlug(db: Db, slug: string): Promise<ClinicRef | null> {
  const result = await db.execute<Omit<MembershipRow, "role">>(
    sql`SELECT clinic_id, slug, name, time_zone FROM app_clinic_by_slug(${slugParam(slug)})`,
  );
  const r = result.rows[0];
  return r ? { id: r.clinic_id, slug: r.slug, name: r.name, timeZone: r.time_zone } : null;
}

/** Runs fn in a transaction that can see only this clinic's rows. */
export async function withClinic<T>(db: Db, clinicId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return transactionBegunWith(db, sql`SELECT set_config('app.clinic_id', ${clinicId}, true)`, (tx) => fn(tx));
}

/**
 * Runs fn in the clinic transaction of the user's membership in the clinic with this slug. The
 * membership lookup and set_config are one statement (the first of the transaction); with no
 * membership, fn gets null and app.clinic_id stays unset, so RLS shows no clinic rows at all.
 */
export async function withMemberClinic<T>(
  db: Db,
  userId: string,
  slug: string,
  fn: (tx: Tx, membership: ClinicMembership | null) => Promise<T>,
): Promise<T> {
  return transactionBegunWith<MembershipRow, T>(
    db,
    sql`SELECT clinic_id, slug, name, time_zone, role, set_config('app.clinic_id', clinic_id::text, true)
        FROM app_user_clinic(${userId}::uuid, ${slugParam(slug)})`,
    (tx, [r]) =>
      fn(tx, r ? { id: r.clinic_id, slug: r.slug, name: r.name, timeZone: r.time_zone, role: r.role } : null),
  );
}

/** Runs fn in the transaction of the clinic with this public slug (null: no such clinic), lookup and set_config in one statement. */
export async function withPublicClinic<T>(
  db: Db,
  slug: string,
  fn: (tx: Tx, clinic: ClinicRef | null) => Promise<T>,
): Promise<T> {
  return transactionBegunWith<Omit<MembershipRow, "role">, T>(
    db,
    sql`SELECT clinic_id, slug, name, time_zone, set_config('app.clinic_id', clinic_id::text, true) FROM app_clinic_by_slug(${slugParam(slug)})`,
    (tx, [r]) => fn(tx, r ? { id: r.clinic_id, slug: r.slug, name: r.name, timeZone: r.time_zone } : null),
  );
}

// The owners' audit view: who did or looked at what, which patients, when — newest first, a page
// at a time, or a whole range for the CSV export (app/c/[clinicSlug]/settings/audit/export).
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import type { AuditFilters, AuditLogInput } from "./schemas";

export type AuditRow = {
  id: string;
  at: Date;
  action: string;
  entity: string;
  entityId: string | null;
  /** The tRPC procedure or route that was called (reads), when known. */
  procedure: string | null;
  /** "patient link" when the patient opened it from their own link. */
  via: string | null;
  actor: { id: string; name: string; email: string } | null;
  /** How many patients the request showed or changed. */
  patientCount: number;
  /** Their names (up to `namesUpTo`), in the order the request showed them. */
  patients: { id: string; name: string }[];
};

type RawRow = {
  id: string;
  at: Date | string;
  action: string;
  entity: string;
  entity_id: string | null;
  details: Record<string, unknown> | null;
  actor_id: string | null;
  actor_name: string | null;
  actor_email: string | null;
  patient_count: number;
  patients: { id: string; name: string }[];
};

const encodeCursor = (at: Date, id: string) => Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");
function decodeCursor(cursor: string): { at: Date; id: string } | null {
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const at = new Date(iso ?? "");
  return id && /^\d{1,19}$/.test(id) && !Number.isNaN(at.getTime()) ? { at, id } : null;
}

function conditions(clinicId: string, f: AuditFilters): SQL[] {
  const where: SQL[] = [sql`a.clinic_id = ${clinicId}`];
  if (f.patientId) {
    // reads name their patients in patient_ids; changes to a patient's own record name it as the entity
    where.push(
      sql`(a.patient_ids @> ARRAY[${f.patientId}]::uuid[] OR (a.entity = 'patient' AND a.entity_id = ${f.patientId}))`,
    );
  }
  if (f.actorUserId) where.push(sql`a.actor_user_id = ${f.actorUserId}`);
  if (f.from) where.push(sql`a.at >= ${f.from.toISOString()}::timestamptz`);
  if (f.to) where.push(sql`a.at < ${f.to.toISOString()}::timestamptz`);
  return where;
}

async function select(tx: Tx, where: SQL[], opts: { limit: number; namesUpTo: number }) {
  const { rows } = await tx.execute<RawRow>(sql`
    SELECT a.id::text AS id, a.at, a.action, a.entity, a.entity_id, a.details,
           u.id AS actor_id, u.name AS actor_name, u.email AS actor_email,
           coalesce(cardinality(a.patient_ids), CASE WHEN a.entity = 'patient' AND a.entity_id IS NOT NULL THEN 1 ELSE 0 END)
             AS patient_count,
           coalesce((
             SELECT json_agg(json_build_object('id', p.id, 'name', p.first_name || ' ' || p.last_name) ORDER BY x.n)
             FROM unnest(coalesce(a.patient_ids[1:${opts.namesUpTo}],
                                  CASE WHEN a.entity = 'patient' AND a.entity_id ~* '^[0-9a-f-]{36}$' THEN ARRAY[a.entity_id::uuid] END))
                  WITH ORDINALITY AS x(pid, n)
             JOIN patients p ON p.clinic_id = a.clinic_id AND p.id = x.pid
           ), '[]'::json) AS patients
    FROM audit_log a
    LEFT JOIN users u ON u.id = a.actor_user_id
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY a.at DESC, a.id DESC
    LIMIT ${opts.limit}`);
  return rows.map((r): AuditRow => ({
    id: r.id,
    at: new Date(r.at),
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    procedure: typeof r.details?.procedure === "string" ? r.details.procedure : null,
    via: typeof r.details?.via === "string" ? r.details.via : null,
    actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? "", email: r.actor_email ?? "" } : null,
    patientCount: Number(r.patient_count),
    patients: r.patients,
  }));
}

/** A page of the log, newest first (nextCursor null on the last page). */
export async function auditLogPage(tx: Tx, clinicId: string, input: AuditLogInput) {
  const where = conditions(clinicId, input);
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  if (after) where.push(sql`(a.at, a.id) < (${after.at.toISOString()}::timestamptz, ${after.id}::bigint)`);
  const rows = await select(tx, where, { limit: input.limit + 1, namesUpTo: 3 });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return { items: page, nextCursor: rows.length > input.limit && last ? encodeCursor(last.at, last.id) : null };
}

export const EXPORT_LIMIT = 50_000;

/** Every row matching the filters (newest first, up to EXPORT_LIMIT), each with all its patients' names. */
export async function auditLogRows(tx: Tx, clinicId: string, filters: AuditFilters): Promise<AuditRow[]> {
  return select(tx, conditions(clinicId, filters), { limit: EXPORT_LIMIT, namesUpTo: 10_000 });
}

export type PatientAccess = {
  actor: { id: string; name: string } | null;
  /** "patient link" for the patient's own visits. */
  via: string | null;
  accesses: number;
  firstAt: Date;
  lastAt: Date;
};

/** "Who looked at this patient": each person (or the patient's own link) once, latest first. */
export async function patientAccessSummary(tx: Tx, clinicId: string, patientId: string): Promise<PatientAccess[]> {
  const { rows } = await tx.execute<{
    actor_id: string | null;
    actor_name: string | null;
    via: string | null;
    accesses: number;
    first_at: Date | string;
    last_at: Date | string;
  }>(sql`
    SELECT u.id AS actor_id, u.name AS actor_name, a.details->>'via' AS via, count(*)::int AS accesses,
           min(a.at) AS first_at, max(a.at) AS last_at
    FROM audit_log a
    LEFT JOIN users u ON u.id = a.actor_user_id
    WHERE ${sql.join(conditions(clinicId, { patientId }), sql` AND `)}
    GROUP BY u.id, u.name, a.details->>'via'
    ORDER BY max(a.at) DESC
    LIMIT 100`);
  return rows.map((r) => ({
    actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? "" } : null,
    via: r.via,
    accesses: r.accesses,
    firstAt: new Date(r.first_at),
    lastAt: new Date(r.last_at),
  }));
}

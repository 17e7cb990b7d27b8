// The audit log: changes (recordAudit, beside the change) and reads of patient data (recordRead,
// one row per request naming the patients it showed). audit_log is append-only for the app's role.
import { sql } from "drizzle-orm";
import { executeAtCommit, type Tx } from "@/db/client";
import { auditLog } from "@/db/schema";

export type AuditEntry = {
  clinicId: string;
  actorUserId: string | null;
  action: string;
  entity: string;
  entityId?: string | null;
  details?: Record<string, unknown>;
  patientIds?: readonly string[];
};

/** Written in the same transaction as the change it describes. */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    clinicId: entry.clinicId,
    actorUserId: entry.actorUserId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    details: entry.details ?? null,
    patientIds: entry.patientIds ? [...entry.patientIds] : null,
  });
}

/**
 * How a read procedure is audited (procedure meta, handled once in server/trpc.ts): `action`
 * names what was read; the patient ids are every string under `key` (default "patientId") in
 * the result, or in the input when `from` is "input".
 */
export type ReadAudit = { action: string; entity: string; key?: string; from?: "result" | "input" };

/** Details for rows written on a patient's own signed link (no staff member). */
export const PATIENT_LINK = "patient link";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_DEPTH = 6;

/** Every uuid found under `key` in a procedure's result or input, each once, in order. */
export function idsUnder(value: unknown, key: string): string[] {
  const found = new Set<string>();
  const walk = (node: unknown, depth: number) => {
    if (depth > MAX_DEPTH || node === null || typeof node !== "object" || node instanceof Date) return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item, depth + 1);
      return;
    }
    for (const [k, v] of Object.entries(node)) {
      if (k === key && typeof v === "string" && UUID.test(v)) found.add(v.toLowerCase());
      else walk(v, depth + 1);
    }
  };
  walk(value, 0);
  return [...found];
}

/**
 * One row for one read: who, what, and which patients it showed — one statement, in the read's
 * own transaction. A read changes nothing else, so its transaction commits without waiting for
 * the disk (synchronous_commit off for this transaction only, set inside the same statement):
 * a database crash can lose the last moment's read records, never a change; a request no longer
 * waits for a flush (see `npm run bench`).
 */
export async function recordRead(
  tx: Tx,
  read: { clinicId: string; actorUserId: string | null; action: string; entity: string } & {
    entityId?: string | null;
    patientIds: readonly string[];
    details: Record<string, unknown>;
  },
): Promise<void> {
  // Prepared once per connection: a read's audit row is written on every list and chart a staff member opens.
  // It is the transaction's last statement, sent with its COMMIT (executeAtCommit: one round trip fewer).
  await executeAtCommit(
    tx,
    sql`
    INSERT INTO audit_log (clinic_id, actor_user_id, action, entity, entity_id, details, patient_ids)
    SELECT ${read.clinicId}::uuid, ${read.actorUserId}::uuid, ${read.action}, ${read.entity}, ${read.entityId ?? null},
           ${JSON.stringify(read.details)}::jsonb, ${`{${read.patientIds.join(",")}}`}::uuid[]
    FROM (SELECT set_config('synchronous_commit', 'off', true)) AS commit_without_waiting`,
  );
}

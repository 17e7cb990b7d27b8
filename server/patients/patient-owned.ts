// Every table whose rows belong to a patient (a foreign key to patients), and what a merge does with
// them. One list, checked against the database catalog by tests/integration/patient-merge-payments.test.ts:
// a new table with a patient FK fails that test until it is listed here, so a merge never leaves a
// row behind (ON DELETE RESTRICT would make the merge impossible, CASCADE would lose the row).
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";

type Owned = {
  table: string;
  column: string;
  /**
   * move: the rows are re-pointed at the chart. derived: rows the database maintains itself (a
   * trigger on another table recomputes them for both patients), so nothing to do. none: a
   * duplicate cannot have such rows (the reason is beside the entry).
   */
  merge: "move" | "derived" | "none";
  /** Runs before the move, for rows the chart already has a counterpart of (unique keys). */
  beforeMove?: (tx: Tx, clinicId: string, fromId: string, intoId: string) => Promise<void>;
};

export const PATIENT_OWNED: readonly Owned[] = [
  { table: "appointments", column: "patient_id", merge: "move" },
  { table: "messages", column: "patient_id", merge: "move" },
  // Their rows below (versions, logs, feedback; outcome requests and responses) follow by ON UPDATE CASCADE.
  { table: "episodes", column: "patient_id", merge: "move" },
  { table: "programs", column: "patient_id", merge: "move" },
  { table: "payments", column: "patient_id", merge: "move" },
  { table: "payment_checkouts", column: "patient_id", merge: "move" },
  // Cards keep their own Stripe customer id (charge-card.ts charges customer + card as stored), so
  // the duplicate's cards stay usable on the chart even when its customer row is dropped below.
  { table: "patient_payment_methods", column: "patient_id", merge: "move" },
  {
    table: "patient_stripe_customers",
    column: "patient_id",
    merge: "move",
    // One customer per patient and connected account (primary key): where the chart already has one on
    // that account, the chart's stays the customer new cards are saved to; the duplicate's customer
    // still exists in Stripe and holds the duplicate's cards, which move with their own customer id.
    beforeMove: async (tx, clinicId, fromId, intoId) => {
      await tx.execute(sql`
        DELETE FROM patient_stripe_customers d
         WHERE d.clinic_id = ${clinicId} AND d.patient_id = ${fromId}
           AND EXISTS (SELECT 1 FROM patient_stripe_customers c
                        WHERE c.clinic_id = ${clinicId} AND c.patient_id = ${intoId}
                          AND c.stripe_account_id = d.stripe_account_id)`);
    },
  },
  // Only a confirmed chart is merged into (merge.ts refuses a self-booked target, and a chart never
  // becomes self-booked again), so the duplicate has no such rows; the table is append-only anyway.
  { table: "patient_merges", column: "into_patient_id", merge: "none" },
  // Visit counts for the dashboard: the appointments trigger (0025) recomputes both patients when
  // appointments move; the duplicate's row goes with it (ON DELETE CASCADE). junction_app cannot write it.
  { table: "dashboard_patient_visits", column: "patient_id", merge: "derived" },
  // Balances: the payments trigger (0037) moves each row's amount to the chart's balance when the row
  // moves; the duplicate's rows (zero by then) go with it (ON DELETE CASCADE). junction_app cannot write it.
  { table: "patient_balances", column: "patient_id", merge: "derived" },
];

/** Re-points every patient-owned row of `fromId` at `intoId`; how many rows moved, by table. */
export async function movePatientRows(
  tx: Tx,
  clinicId: string,
  fromId: string,
  intoId: string,
): Promise<Record<string, number>> {
  const moved: Record<string, number> = {};
  for (const owned of PATIENT_OWNED) {
    if (owned.merge !== "move") continue;
    await owned.beforeMove?.(tx, clinicId, fromId, intoId);
    const column = sql.identifier(owned.column);
    const result = await tx.execute(sql`
      UPDATE ${sql.identifier(owned.table)} SET ${column} = ${intoId}
       WHERE clinic_id = ${clinicId} AND ${column} = ${fromId}`);
    moved[owned.table] = result.rowCount ?? 0;
  }
  return moved;
}

// The dispatcher: hands due messages to pg-boss as send jobs, a batch at a time. Claiming the rows
// (pending → sending) and inserting their jobs happen in one transaction, so a crash between the two
// loses nothing; a message whose job was lost anyway is handed out again after LEASE_SECONDS.
import type { PgBoss } from "pg-boss";
import { SEND_MESSAGE, type SendMessageJob } from "./queues";

export const DISPATCH_BATCH = 500;
/** A message handed out this long ago and still not finished is handed out again. */
export const LEASE_SECONDS = 15 * 60;

type Claimed = { clinic_id: string; id: string; key: string };

/** One batch: returns how many messages were handed out. */
async function dispatchBatch(boss: PgBoss, now: Date, limit: number): Promise<number> {
  const db = boss.getDb();
  if (!db.beginTransaction) throw new Error("pg-boss's database adapter cannot open transactions");
  const tx = await db.beginTransaction();
  try {
    const { rows } = await tx.db.executeSql(
      "SELECT clinic_id, id, key FROM public.app_claim_due_messages($1, $2, $3)",
      [now, limit, LEASE_SECONDS],
    );
    const claimed = rows as Claimed[];
    if (claimed.length > 0) {
      await boss.insert(
        SEND_MESSAGE,
        claimed.map((m) => ({
          data: { clinicId: m.clinic_id, messageId: m.id } satisfies SendMessageJob,
          singletonKey: `${m.clinic_id}:${m.key}`,
        })),
        { db: tx.db },
      );
    }
    await tx.commit();
    return claimed.length;
  } catch (error) {
    await tx.rollback();
    throw error;
  }
}

/** Hands out every message due at `now`, in batches; returns how many. */
export async function dispatchDueMessages(boss: PgBoss, now: Date, batch = DISPATCH_BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await dispatchBatch(boss, now, batch);
    total += n;
    if (n < batch) return total;
  }
}

// The pg-boss instance: on the app's own database, in its own schema, connecting as the owner
// (pg-boss manages its tables; clinic data is only ever reached through withClinic()).
import { PgBoss, type Clock } from "pg-boss";
import { BILLING_RECONCILE, BILLING_RECONCILE_CRON, BOSS_SCHEMA, SEND_MESSAGE, SEND_MESSAGE_QUEUE } from "./queues";

export type BossOptions = {
  databaseUrl: string;
  /** pg-boss's own timers and database clock; tests pass a TestClock to move retries and expiry without sleeping. */
  clock?: Clock;
  log?: (m: string) => void;
  spies?: boolean;
};

export async function startBoss(opts: BossOptions): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: opts.databaseUrl,
    schema: BOSS_SCHEMA,
    application_name: "junction-worker",
    max: 6,
    // Expiry and lost heartbeats are noticed within ten seconds; completed jobs are pruned by the queue's deleteAfterSeconds.
    superviseIntervalSeconds: 10,
    monitorIntervalSeconds: 10,
    maintenanceIntervalSeconds: 300,
    instanceName: "junction-worker",
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.spies ? { __test__enableSpies: true } : {}),
  });
  boss.on("error", (error) => opts.log?.(`pg-boss: ${error instanceof Error ? error.message : String(error)}`));
  await boss.start();
  await boss.createQueue(SEND_MESSAGE, SEND_MESSAGE_QUEUE);
  // createQueue leaves an existing queue alone: bring its settings up to date (policy and partition cannot change).
  const { policy: _policy, partition: _partition, ...settings } = SEND_MESSAGE_QUEUE;
  await boss.updateQueue(SEND_MESSAGE, settings);
  await boss.createQueue(BILLING_RECONCILE, { policy: "singleton", retryLimit: 2, retryDelay: 600 });
  await boss.schedule(BILLING_RECONCILE, BILLING_RECONCILE_CRON, null, { tz: "UTC" });
  return boss;
}

// Run as a child process by reminders-worker.test.ts: a worker that dies (SIGKILL, no cleanup)
// right after the provider accepted an email and before its transaction commits — the worst
// moment to lose a worker. DATABASE_URL comes from the test file's environment.
import { requireDatabaseUrl } from "@/server/env";
import { startWorker } from "@/server/jobs/worker";

const worker = await startWorker({
  databaseUrl: requireDatabaseUrl(),
  loop: false,
  log: () => {},
  hooks: {
    afterSend: (message) => {
      process.stdout.write(`sent-uncommitted ${message.id}\n`);
      process.kill(process.pid, "SIGKILL");
    },
  },
});
const handedOut = await worker.dispatchNow();
process.stdout.write(`dispatched ${handedOut}\n`);
// Nothing to send means the test is wrong: leave, so it fails instead of hanging.
setTimeout(() => process.exit(3), 20_000).unref();

// The worker under test, in a process of its own (so it can be killed, and its memory is its own):
// the production worker (server/jobs/worker.ts) on DATABASE_URL, reporting its peak resident
// memory and CPU time to the bench over IPC when asked. Started by ./index.ts.
import { requireDatabaseUrl } from "@/server/env";
import { startWorker } from "@/server/jobs/worker";

let peakRss = process.memoryUsage().rss;
setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50).unref();

const worker = await startWorker({ databaseUrl: requireDatabaseUrl(), log: () => {}, dispatchIntervalMs: 1000 });
process.send?.({ ready: true });
process.on("message", (m: { peak?: boolean }) => {
  if (m.peak) {
    const cpu = process.cpuUsage();
    process.send?.({
      peakRss: Math.max(peakRss, process.memoryUsage().rss),
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
    });
  }
});
process.on("SIGTERM", () => {
  void worker.stop({ timeoutMs: 10_000 }).then(() => process.exit(0));
});

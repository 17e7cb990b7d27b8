// npm run bench — starts one PostgreSQL server (DATABASE_URL's, or an embedded one under
// .data/postgres-bench), then runs the tenant-isolation, scheduling, reminders, dashboard, sessions and
// pages benches, each on its own scratch database, and ends with the goals of the run. Prints figures and ratios; asserts nothing; not part of npm test.
// The npm script sets NODE_ENV=production, as `npm start` does (tRPC then leaves stack traces out
// of error answers, which matters when thousands of lost races answer 409).
//   BENCH_SCALE=0.25   scheduling seed size (1 = 1,000 clinics, ~1M appointments)
//   BENCH_ONLY=scheduling | tenancy | reminders | dashboard | sessions | pages   run one part (or several: scheduling,pages)
//   BENCH_BUILD=1   rebuild the app (next build) before the pages part; it builds anyway when there is no build
//   BENCH_KEEP=1       the dashboard bench keeps its seeded database (junction_bench_dash) and reuses it next time
import { z } from "zod";
import { startDatabaseServer } from "@/db/postgres";
import { env } from "@/server/env";
import { benchDashboard } from "./dashboard/index";
import { benchPages } from "./pages/index";
import { benchReminders } from "./reminders/index";
import { benchScheduling } from "./scheduling/index";
import { benchSessions } from "./sessions";
import { benchTenantIsolation } from "./tenant-isolation";

const knobs = z
  .object({
    BENCH_SCALE: z.coerce.number().positive().max(1).default(1),
    BENCH_KEEP: z.enum(["0", "1"]).default("0"),
    BENCH_ONLY: z
      .string()
      .default("all")
      .transform((v) => v.split(",").map((part) => part.trim()))
      .pipe(z.array(z.enum(["all", "scheduling", "tenancy", "reminders", "dashboard", "sessions", "pages"]))),
  })
  .parse(process.env);

async function main() {
  console.log(`npm run bench — NODE_ENV=${env.NODE_ENV}`);
  const server = await startDatabaseServer({
    databaseUrl: env.DATABASE_URL,
    dataDir: ".data/postgres-bench",
    log: () => {},
  });
  try {
    const only = (part: (typeof knobs.BENCH_ONLY)[number]) =>
      knobs.BENCH_ONLY.includes("all") || knobs.BENCH_ONLY.includes(part);
    if (only("tenancy")) await benchTenantIsolation(server.url);
    const goals: string[] = [];
    if (only("scheduling")) goals.push(...(await benchScheduling(server.url, { scale: knobs.BENCH_SCALE })));
    if (only("reminders")) await benchReminders(server.url);
    if (only("dashboard"))
      await benchDashboard(server.url, { scale: knobs.BENCH_SCALE, keep: knobs.BENCH_KEEP === "1" });
    if (only("sessions")) await benchSessions(server.url);
    if (only("pages")) goals.push(...(await benchPages(server.url)));
    if (goals.length > 0) {
      console.log("\nIssue 17 goals in this run (figures and met/missed; the machine's load skews absolute times):");
      for (const line of goals) console.log(`  ${line}`);
    }
  } finally {
    await server.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});

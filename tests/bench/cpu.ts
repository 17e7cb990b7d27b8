// Where a path's time goes on the bench machine: the CPU time of this Node process (the bench's
// clients and, for the paths over HTTP, the app's server too) and of the PostgreSQL server's
// processes, per operation. On the bench machine both share two cores, so a path's rate at 8
// clients is bounded by its CPU per operation: these figures say which side a ratio is lost on.
// PostgreSQL's share is read from /proc (Linux, the database on this machine; every backend of
// the server counts, so nothing else should run on it meanwhile); elsewhere it is null.
import { readdirSync, readFileSync } from "node:fs";

/** Linux reports process times in clock ticks of 1/100 s (USER_HZ). */
const TICK_MS = 10;

/** CPU time (user + system, ms) of each process named postgres, by pid; null where /proc cannot tell. */
function postgresCpuMs(): Map<string, number> | null {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return null;
  }
  const byPid = new Map<string, number>();
  for (const pid of entries) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // gone since the listing
    }
    const close = stat.lastIndexOf(")");
    if (stat.slice(stat.indexOf("(") + 1, close) !== "postgres") continue;
    // after "pid (comm) ": state is field 3; utime and stime are fields 14 and 15
    const fields = stat.slice(close + 2).split(" ");
    byPid.set(pid, (Number(fields[11]) + Number(fields[12])) * TICK_MS);
  }
  return byPid.size ? byPid : null;
}

/**
 * What the processes running at `to` used since `from` (a process started since counts whole; one
 * that ended in between, an autovacuum worker say, is missed rather than subtracted).
 */
function usedSince(from: Map<string, number>, to: Map<string, number>): number {
  let ms = 0;
  for (const [pid, now] of to) ms += Math.max(0, now - (from.get(pid) ?? 0));
  return ms;
}

export type CpuPerOp = { nodeMs: number; postgresMs: number | null };

/** CPU time of the runs between each open() and close() (one run, or one path's blocks among others'). */
export function cpuTally() {
  let [nodeMs, postgresMs, known] = [0, 0, true];
  let since: { node: NodeJS.CpuUsage; postgres: Map<string, number> | null } | null = null;
  return {
    // /proc is read outside the node figure: reading it costs this process ~1 ms
    open: () => {
      const postgres = postgresCpuMs();
      since = { postgres, node: process.cpuUsage() };
    },
    close: () => {
      if (!since) return;
      const node = process.cpuUsage(since.node);
      nodeMs += (node.user + node.system) / 1000;
      const postgres = postgresCpuMs();
      if (postgres === null || since.postgres === null) known = false;
      else postgresMs += usedSince(since.postgres, postgres);
      since = null;
    },
    perOp: (ops: number): CpuPerOp => ({
      nodeMs: nodeMs / ops,
      postgresMs: known ? postgresMs / ops : null,
    }),
  };
}

/** "node 0.10 + PostgreSQL 0.95 ms" (PostgreSQL's share only where it could be read). */
export const describeCpu = (cpu: CpuPerOp): string =>
  `node ${cpu.nodeMs.toFixed(2)}${cpu.postgresMs === null ? "" : ` + PostgreSQL ${cpu.postgresMs.toFixed(2)}`} ms`;

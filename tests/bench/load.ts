// Closed-loop load for the benches: N clients each run one operation after another until a shared
// count or a deadline is reached, so every run stops by itself. Latencies and outcome labels are
// collected per operation; percentiles are nearest-rank.
import { performance } from "node:perf_hooks";

export type LoadRun = { ops: number; elapsedMs: number; latencies: number[]; outcomes: Map<string, number> };

/** `op(i)` gets a run-wide sequence number (0, 1, 2 …) and returns a label such as "200" or "409". */
export async function runLoad(opts: {
  clients: number;
  maxOps: number;
  maxMs: number;
  op: (i: number, client: number) => Promise<string>;
}): Promise<LoadRun> {
  const latencies: number[] = [];
  const outcomes = new Map<string, number>();
  let next = 0;
  const started = performance.now();
  const deadline = started + opts.maxMs;
  const client = async (c: number) => {
    while (next < opts.maxOps && performance.now() < deadline) {
      const i = next++;
      const t = performance.now();
      let label: string;
      try {
        label = await opts.op(i, c);
      } catch (e) {
        label = `threw ${(e as Error).message.slice(0, 60)}`;
      }
      latencies.push(performance.now() - t);
      outcomes.set(label, (outcomes.get(label) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: opts.clients }, (_, c) => client(c)));
  return { ops: latencies.length, elapsedMs: performance.now() - started, latencies, outcomes };
}

/** Several runs of one operation as one (their operations, time, latencies and outcomes added up). */
export function mergeRuns(runs: LoadRun[]): LoadRun {
  const outcomes = new Map<string, number>();
  for (const run of runs) for (const [k, n] of run.outcomes) outcomes.set(k, (outcomes.get(k) ?? 0) + n);
  return {
    ops: runs.reduce((n, r) => n + r.ops, 0),
    elapsedMs: runs.reduce((n, r) => n + r.elapsedMs, 0),
    latencies: runs.flatMap((r) => r.latencies),
    outcomes,
  };
}

/**
 * Paths that are compared with each other, measured in turns: `rounds` rounds, each running a block
 * of every path (its share of `ops` at `clients`), the order reversed every other round. A burst of
 * load from other work on the machine then falls on every path alike, and none always runs first or
 * after the same neighbour. `before`/`after` wrap each block (a server's own figures of that block).
 * Returns each path's blocks, in the paths' order.
 */
export async function inTurns(
  paths: { ops: number; op: () => Promise<string> }[],
  opts: { clients: number; rounds: number; maxMs: number },
  hooks: { before?: (path: number) => void; after?: (path: number, run: LoadRun) => void } = {},
): Promise<LoadRun[][]> {
  const blocks: LoadRun[][] = paths.map(() => []);
  for (let round = 0; round < opts.rounds; round++) {
    const order = paths.map((_, i) => i);
    if (round % 2) order.reverse();
    for (const i of order) {
      hooks.before?.(i);
      const run = await runLoad({
        clients: opts.clients,
        maxOps: Math.ceil(paths[i]!.ops / opts.rounds),
        maxMs: opts.maxMs / opts.rounds,
        op: paths[i]!.op,
      });
      hooks.after?.(i, run);
      blocks[i]!.push(run);
    }
  }
  return blocks;
}

/**
 * Each op's median time (ms), the ops run one after another, run by run, so all see the same
 * machine. The order reverses every other run, so no op always follows the same one (on a 2 ms read
 * the order alone moved a median by a third between runs). One client; `warm` rounds first, untimed.
 */
export async function mediansInTurns(
  ops: (() => Promise<unknown>)[],
  opts: { warm: number; runs: number },
): Promise<number[]> {
  for (let i = 0; i < opts.warm; i++) for (const op of ops) await op();
  const samples = ops.map(() => [] as number[]);
  const order = ops.map((_, k) => k);
  for (let i = 0; i < opts.runs; i++)
    for (const k of i % 2 ? [...order].reverse() : order) {
      const started = performance.now();
      await ops[k]!();
      samples[k]!.push(performance.now() - started);
    }
  return samples.map((xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
}

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export type Figures = { ops: number; rate: number; p50: number; p95: number; p99: number };

export function figures(run: LoadRun): Figures {
  return {
    ops: run.ops,
    rate: run.ops / (run.elapsedMs / 1000),
    p50: percentile(run.latencies, 0.5),
    p95: percentile(run.latencies, 0.95),
    p99: percentile(run.latencies, 0.99),
  };
}

export function describeOutcomes(run: LoadRun): string {
  return [...run.outcomes.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k}×${v}`)
    .join(", ");
}

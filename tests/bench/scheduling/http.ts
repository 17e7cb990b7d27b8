// The app's HTTP path, in-process: node:http on 127.0.0.1 → fetchRequestHandler → appRouter, and
// a fetch client that speaks tRPC v11 with superjson. The context builder is bench-only: the
// user comes from the x-bench-user header (real requests get it from next-auth, server/context.ts).
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import superjson from "superjson";
import { createAppPool, drizzleFor } from "@/db/client";
import { appRouter, createCaller } from "@/server/root";
import { describeOutcomes, figures, percentile, runLoad, type Figures, type LoadRun } from "../load";

/** Errors the handler saw, by tRPC code (and SQLSTATE when a database error is behind one). */
export type ServerErrors = { deadlocks: number; byCode: Map<string, number> };
/**
 * timings: per request, from its arrival to its answer being ready to write (no client or socket time);
 * statements: how many statements the app's pool has sent so far (BEGIN and COMMIT included).
 */
export type BenchServer = {
  baseUrl: string;
  errors: ServerErrors;
  timings: number[];
  statements: () => number;
  /** The same router and pool without HTTP or superjson (for telling transport cost from domain cost). */
  caller: (who: Caller) => ReturnType<typeof createCaller>;
  close: () => Promise<void>;
};

type Query = (...args: unknown[]) => unknown;

const ENDPOINT = "/api/trpc";

/** The SQLSTATE behind a tRPC error, through drizzle's wrapper if any. */
function sqlState(error: unknown): string | null {
  let e = error;
  for (let depth = 0; depth < 4 && e && typeof e === "object"; depth++) {
    const { code, cause } = e as { code?: unknown; cause?: unknown };
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = cause;
  }
  return null;
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

export async function startBenchServer(databaseUrl: string): Promise<BenchServer> {
  const pool = createAppPool(databaseUrl);
  let statements = 0;
  pool.on("connect", (client) => {
    const send = (client.query as Query).bind(client);
    (client as unknown as { query: Query }).query = (...args) => {
      statements++;
      return send(...args);
    };
  });
  const db = drizzleFor(pool);
  const errors: ServerErrors = { deadlocks: 0, byCode: new Map() };
  const timings: number[] = [];
  const server = http.createServer((req, res) => {
    const arrived = performance.now();
    void (async () => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const body = req.method === "POST" ? new Uint8Array(await readBody(req)) : undefined;
      const request = new Request(`http://127.0.0.1${req.url ?? "/"}`, { method: req.method, headers, body });
      const response = await fetchRequestHandler({
        endpoint: ENDPOINT,
        req: request,
        router: appRouter,
        createContext: () => ({
          db,
          origin: "staff" as const,
          user: { id: request.headers.get("x-bench-user") ?? "", email: "bench@bench.test", name: "Bench" },
          clinicSlug: request.headers.get("x-clinic-slug"),
          ip: null,
        }),
        onError({ error }) {
          const state = sqlState(error.cause);
          if (state === "40P01") errors.deadlocks++;
          const key = state ? `${error.code}/${state}` : error.code;
          errors.byCode.set(key, (errors.byCode.get(key) ?? 0) + 1);
        },
      });
      const answer = Buffer.from(await response.arrayBuffer());
      timings.push(performance.now() - arrived);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(answer);
    })().catch((e: unknown) => {
      res.writeHead(599).end(String(e));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${ENDPOINT}`,
    errors,
    timings,
    statements: () => statements,
    caller: (who) =>
      createCaller({
        db,
        origin: "staff",
        user: { id: who.userId, email: "bench@bench.test", name: "Bench" },
        clinicSlug: who.clinicSlug,
        ip: null,
      }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}

export type Caller = { clinicSlug: string; userId: string };
export type TrpcResult = { status: number; bytes: number; data: unknown; domainCode: string | null };
/**
 * decode: also superjson-decode a successful answer (checks only: timed calls leave that to the client side, like a browser).
 * client: what sends the request. "node:http" (the default): node:http with a keep-alive agent, the
 * lightest client, as plain pg is for the anchors. "fetch": Node's fetch (undici), which the bench
 * used before; it spends 0.2-0.4 ms of CPU per request more (measured on a trivial server), in this
 * process, on the same two cores as the server — CPU that a browser spends on its own machine.
 */
type Options = { decode?: boolean; client?: "node:http" | "fetch" };

const agent = new http.Agent({ keepAlive: true });

/** One request, its body read to the end. */
async function send(
  url: string,
  init: { method: "GET" | "POST"; headers: Record<string, string>; body?: string },
  opts: Options,
): Promise<Answer> {
  if (opts.client === "fetch") {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
    return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
  }
  const headers = init.body
    ? { ...init.headers, "content-length": String(Buffer.byteLength(init.body)) }
    : init.headers;
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request(
      url,
      { method: init.method, headers, agent, signal: AbortSignal.timeout(TIMEOUT_MS) },
      (res) => {
        const parts: Buffer[] = [];
        res.on("data", (part: Buffer) => parts.push(part));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts) }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(init.body);
  });
}

/** An answer as the bench reads it: the status and the whole body. */
type Answer = { status: number; body: Buffer };

async function parse(answer: Answer, opts: Options): Promise<TrpcResult> {
  const ok = answer.status >= 200 && answer.status < 300;
  const base = { status: answer.status, bytes: answer.body.byteLength };
  if (ok && !opts.decode) return { ...base, data: undefined, domainCode: null };
  const text = answer.body.toString("utf8");
  const body = JSON.parse(text) as {
    result?: { data: unknown };
    error?: { json: { data?: { domainCode?: string | null } } };
  };
  if (body.result) return { ...base, data: superjson.deserialize(body.result.data as never), domainCode: null };
  return { ...base, data: body.error ?? text, domainCode: body.error?.json.data?.domainCode ?? null };
}

const headersFor = (who: Caller) => ({
  "content-type": "application/json",
  "x-clinic-slug": who.clinicSlug,
  "x-bench-user": who.userId,
});
/** No request may hold a bench loop up for long. */
const TIMEOUT_MS = 30_000;

/** A tRPC v11 mutation: POST <endpoint>/<path>, body = superjson-serialized input. */
export async function mutate(
  baseUrl: string,
  path: string,
  who: Caller,
  input: unknown,
  opts: Options = {},
): Promise<TrpcResult> {
  const body = JSON.stringify(superjson.serialize(input));
  return parse(await send(`${baseUrl}/${path}`, { method: "POST", headers: headersFor(who), body }, opts), opts);
}

/** A tRPC v11 query: GET <endpoint>/<path>?input=<superjson-serialized input as JSON>. */
export async function query(
  baseUrl: string,
  path: string,
  who: Caller,
  input: unknown,
  opts: Options = {},
): Promise<TrpcResult> {
  const url = `${baseUrl}/${path}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
  return parse(await send(url, { method: "GET", headers: headersFor(who) }, opts), opts);
}

/** For HTTP paths: the server's own p50 (arrival → answer ready) and SQL statements per request. */
export type Measured = Figures & { outcomes: string; serverP50: number | null; statementsPerOp: number | null };

export const measured = (run: LoadRun): Measured => ({
  ...figures(run),
  outcomes: describeOutcomes(run),
  serverP50: null,
  statementsPerOp: null,
});

/**
 * The server's own figures (arrival → answer times, statements sent) of the runs between each
 * open() and close() — one run, or one path's blocks among other paths' (inTurns).
 */
export function serverTally(server: BenchServer) {
  const times: number[] = [];
  let [statements, mark, sent] = [0, 0, 0];
  return {
    open: () => void ([mark, sent] = [server.timings.length, server.statements()]),
    close: () => {
      times.push(...server.timings.slice(mark));
      statements += server.statements() - sent;
    },
    /** The run's figures with the server's: its p50 and statements per operation. */
    measured: (run: LoadRun): Measured => ({
      ...measured(run),
      serverP50: percentile(times, 0.5),
      statementsPerOp: statements / run.ops,
    }),
  };
}

/** Runs load against the bench server and keeps the server's figures of that run only. */
export async function overHttp(
  server: BenchServer,
  load: Parameters<typeof runLoad>[0],
): Promise<Measured & { run: LoadRun }> {
  const tally = serverTally(server);
  tally.open();
  const run = await runLoad(load);
  tally.close();
  return { ...tally.measured(run), run };
}

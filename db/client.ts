// The pg pools and drizzle handles. The app pool runs every query as junction_app, a role that
// owns nothing and is subject to row-level security; the admin pool (table owner) is only for
// migrations, seeding and tests.
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { drizzle, type NodePgDatabase, type NodePgQueryResultHKT } from "drizzle-orm/node-postgres";
import type { PgDatabase } from "drizzle-orm/pg-core";
import pg from "pg";
import { requireDatabaseUrl } from "../server/env";
import * as schema from "./schema";

export type Db = NodePgDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Either the pool-backed database or a transaction on it. */
export type DbOrTx = PgDatabase<NodePgQueryResultHKT, typeof schema, ExtractTablesWithRelations<typeof schema>>;

/**
 * An idle pooled connection that the server ends (a restart, a shutdown, an administrator) emits
 * 'error' on the pool; unheard, that would crash the process. The pool drops the connection and
 * opens a new one when next asked, so a log line is all it takes.
 */
function survivingIdleErrors(pool: pg.Pool): pg.Pool {
  pool.on("error", (error) => console.warn(`[db] an idle connection closed: ${error.message}`));
  return pool;
}

export function createAppPool(connectionString: string, max = 10): pg.Pool {
  // The role is a start-up parameter: a connection that cannot take it fails instead of
  // silently running as the owner.
  return survivingIdleErrors(new pg.Pool({ connectionString, max, options: "-c role=junction_app -c jit=off" }));
}

export function createAdminPool(connectionString: string, max = 4): pg.Pool {
  return survivingIdleErrors(new pg.Pool({ connectionString, max, options: "-c jit=off" }));
}

export function drizzleFor(pool: pg.Pool): Db {
  return drizzle(pool, { schema });
}

type Handles = { pool: pg.Pool; db: Db; url: string };
const globalStore = globalThis as unknown as { __junctionDb?: Handles };

/** The app's database, from DATABASE_URL (always set by `npm run dev`/`npm start`). */
export function appDb(): Db {
  const url = requireDatabaseUrl();
  const current = globalStore.__junctionDb;
  if (current && current.url === url) return current.db;
  const pool = createAppPool(url);
  const handles = { pool, db: drizzleFor(pool), url };
  globalStore.__junctionDb = handles;
  return handles.db;
}

export async function closeAppDb(): Promise<void> {
  const current = globalStore.__junctionDb;
  globalStore.__junctionDb = undefined;
  await current?.pool.end();
}

/**
 * Runs queries one after another and returns their results like Promise.all. Queries in one
 * transaction share one connection, so running them "in parallel" gains nothing and pg warns.
 */
export async function serially<T extends unknown[]>(...tasks: { [K in keyof T]: () => PromiseLike<T[K]> }): Promise<T> {
  const results: unknown[] = [];
  for (const task of tasks) results.push(await task());
  return results as T;
}

// The pg pools and drizzle handles. The app pool logs in as junction_app, a role that owns
// nothing, belongs to no other role and is subject to row-level security; the admin pool (table
// owner) is only for migrations, seeding and tests.
import { createHash, createHmac } from "node:crypto";
import type { ExtractTablesWithRelations, SQL } from "drizzle-orm";
import { drizzle, type NodePgDatabase, type NodePgQueryResultHKT } from "drizzle-orm/node-postgres";
import { PgDialect, type PgDatabase } from "drizzle-orm/pg-core";
import pg from "pg";
import { env, requireDatabaseUrl } from "../server/env";
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

export const APP_ROLE = "junction_app";

/**
 * junction_app's password: APP_DATABASE_PASSWORD, or one derived from the admin URL's password
 * (every process that may reach the database knows DATABASE_URL; nobody learns the admin password
 * from it). Servers that trust local connections never ask for it; db/migrate.ts sets it where
 * they do.
 */
export function appRolePassword(adminUrl: string): string {
  if (env.APP_DATABASE_PASSWORD) return env.APP_DATABASE_PASSWORD;
  const admin = new URL(adminUrl);
  return createHmac("sha256", decodeURIComponent(admin.password)).update(`${APP_ROLE}@${admin.host}`).digest("hex");
}

/** The admin URL's server and database, logged in as junction_app. */
export function appRoleUrl(adminUrl: string): string {
  const url = new URL(adminUrl);
  url.username = APP_ROLE;
  url.password = appRolePassword(adminUrl);
  return url.toString();
}

/**
 * Takes the admin URL (DATABASE_URL) and logs in as junction_app on the same database. Logging
 * in as the role itself, rather than as the owner with SET ROLE, means `RESET ROLE` or
 * `SET ROLE NONE` smuggled into a statement cannot return to the owner.
 */
export function createAppPool(adminUrl: string, max = 10): pg.Pool {
  return survivingIdleErrors(new pg.Pool({ connectionString: appRoleUrl(adminUrl), max, options: "-c jit=off" }));
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

const dialect = new PgDialect();
const statementNames = new Map<string, string>();

/**
 * A prepared statement's name for its text: a hash, so each variant of a statement gets its own and
 * the text (which holds no values) is never repeated in the name. `prefix` keeps statements prepared
 * by SQL PREPARE (the dashboard's) apart from those prepared through the protocol here.
 */
export function statementName(text: string, prefix = "j"): string {
  return `${prefix}_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
}

/**
 * tx.execute(query) as a named prepared statement: PostgreSQL parses and plans it once per
 * connection (then keeps a generic plan where that is as good) instead of on every call. For the
 * hot statements whose text stays the same from call to call (only parameters change): planning
 * the booking statement cost more than running it. The name is a hash of the text, so every
 * variant of a statement gets its own.
 */
export async function executePrepared<Row extends Record<string, unknown>>(
  tx: DbOrTx,
  query: SQL,
): Promise<pg.QueryResult<Row>> {
  const built = dialect.sqlToQuery(query);
  let name = statementNames.get(built.sql);
  if (!name) {
    name = statementName(built.sql);
    if (statementNames.size < 500) statementNames.set(built.sql, name);
  }
  const prepared = tx._.session.prepareQuery(built, undefined, name, false);
  return (await prepared.execute()) as pg.QueryResult<Row>;
}

// The pg pools and drizzle handles. The app pool logs in as junction_app, a role that owns
// nothing, belongs to no other role and is subject to row-level security; the admin pool (table
// owner) is only for migrations, seeding and tests.
import { createHash, createHmac } from "node:crypto";
import type { ExtractTablesWithRelations, SQL } from "drizzle-orm";
import {
  drizzle,
  NodePgSession,
  NodePgTransaction,
  type NodePgDatabase,
  type NodePgQueryResultHKT,
} from "drizzle-orm/node-postgres";
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
 * by SQL PREPARE (executeGeneric's) apart from those prepared through the protocol (executePrepared).
 * Remembered per text, so a hot statement is hashed once per process, not on every call.
 */
export function statementName(text: string, prefix = "j"): string {
  const key = `${prefix} ${text}`;
  let name = statementNames.get(key);
  if (!name) {
    name = `${prefix}_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
    if (statementNames.size < 500) statementNames.set(key, name);
  }
  return name;
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
  const prepared = tx._.session.prepareQuery(built, undefined, statementName(built.sql), false);
  return (await prepared.execute()) as pg.QueryResult<Row>;
}

/**
 * A drizzle query builder (a select, say) run as a named prepared statement, named by a hash of its
 * text as executePrepared names raw SQL: planned once per connection, with drizzle's own mapping of
 * the rows. For reads that run on every page load with the same text (their values are parameters).
 */
export function executeBuilt<T>(query: { toSQL(): { sql: string }; prepare(name: string): { execute(): Promise<T> } }) {
  return query.prepare(statementName(query.toSQL().sql)).execute();
}

/**
 * A string as a literal: as pg.escapeLiteral writes it, which copies it a character at a time (a
 * free-times request sends a kilobyte of days as JSON); one without quotes or backslashes is the same
 * string in quotes.
 */
const quoted = (s: string): string => (/['\\]/.test(s) ? pg.escapeLiteral(s) : `'${s}'`);

/** A parameter as an EXECUTE argument: a quoted literal, typed by the prepared statement's parameter. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (value instanceof Date) return `'${value.toISOString()}'`;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return quoted(String(value));
  throw new Error(`A generic-plan statement parameter must be a string, number, boolean or Date, not ${typeof value}`);
}

/**
 * The statements a pooled connection has prepared by SQL PREPARE (prepared statements outlive
 * transactions), kept on the connection object under a global symbol: a Next.js build can load this
 * module more than once (one copy per bundle) while every copy shares the one pool (appDb), and a
 * list per module copy would PREPARE again what another copy prepared (42P05).
 */
const PREPARED = Symbol.for("junction.preparedStatements");
function preparedNames(client: pg.ClientBase): Set<string> {
  const holder = client as unknown as { [PREPARED]?: Set<string> };
  return (holder[PREPARED] ??= new Set<string>());
}

type Named = { sql: string; params: unknown[]; name: string };
/** A statement's PREPARE, when the connection has not prepared it yet (none when it has). */
const prepareText = (q: Named, prepared: boolean): string[] => (prepared ? [] : [`PREPARE ${q.name} AS ${q.sql}`]);
/** Its EXECUTE, the values as literals (EXECUTE name() with no values is a syntax error). */
const executeText = (q: Named): string =>
  q.params.length ? `EXECUTE ${q.name}(${q.params.map(literal).join(", ")})` : `EXECUTE ${q.name}`;

/** The simple-query text of one run: PREPARE (first time on this connection), generic plan, EXECUTE, setting restored. */
export function genericRunText(query: Named, prepared: boolean): string {
  return [
    ...prepareText(query, prepared),
    `SELECT set_config('junction.plan_cache_mode', current_setting('plan_cache_mode'), true),
            set_config('plan_cache_mode', 'force_generic_plan', true)`,
    executeText(query),
    "SELECT set_config('plan_cache_mode', current_setting('junction.plan_cache_mode'), true)",
  ].join(";\n");
}

/**
 * Runs a statement in the transaction `tx` as a prepared statement with its generic plan, in one
 * round trip. For big statements whose planning costs more than running them (the dashboard's,
 * free times): left to itself PostgreSQL keeps re-planning them on every run, because a generic
 * plan's estimated cost looks worse than the custom plans' even when it runs as fast. The statement
 * is prepared once per connection under a name from its text (which holds no values) and executed
 * with plan_cache_mode = force_generic_plan for that one statement; the setting, the PREPARE when
 * the connection has not seen it yet, the EXECUTE and restoring the setting go as one simple-query
 * send, in the caller's transaction (as junction_app, under RLS). Values come back as pg parses
 * them in the extended protocol (both are text). Returns the EXECUTE's result. `last`: nothing more
 * runs in tx after this statement, so in a transaction begun by transactionBegunWith the COMMIT goes
 * in the same send (commitAfter); elsewhere (a savepoint, another transaction) it changes nothing.
 */
export async function executeGeneric<Row extends Record<string, unknown>>(
  tx: Tx,
  query: SQL | { sql: string; params: unknown[]; name?: string },
  prefix = "g",
  opts: { last?: boolean } = {},
): Promise<pg.QueryResult<Row>> {
  const built =
    typeof (query as { sql?: unknown }).sql === "string"
      ? (query as { sql: string; params: unknown[] })
      : dialect.sqlToQuery(query as SQL);
  // a caller that keeps its built statement may keep its name too (statementName hashes, or looks up, the whole text)
  const named = { ...built, name: (query as { name?: string }).name ?? statementName(built.sql, prefix) };
  const own = opts.last ? ownTransaction(tx) : undefined;
  if (own) return commitAfter<Row>(own, named);
  // The transaction's own connection (drizzle keeps it private; PREPARE/EXECUTE need the simple protocol).
  const client = (tx._.session as unknown as { client: pg.ClientBase }).client;
  const results = await runPrepared<Row>(client, [named.name], (has) => genericRunText(named, has(named.name)));
  // The results in order: [PREPARE], the first set_config, the EXECUTE, the restoring set_config.
  return results[results.length - 2]!;
}

/**
 * Several independent reads in the transaction tx in one round trip instead of one each: every
 * query is prepared once per connection by SQL PREPARE (named by its text, which holds no values;
 * PostgreSQL picks custom or generic plans as for any prepared statement) and they are EXECUTEd in
 * one simple-query send, in order, as junction_app under RLS. Returns their results in order.
 * Rows come back as pg parses the simple protocol's text with its default parsers: timestamptz as
 * Date, json as values, bigint and numeric as strings, and date as a local-midnight Date, so select
 * dates as text (to_char). For a page's reads that do not depend on each other's rows (adherence's six).
 */
export async function executeBatch(tx: Tx, queries: SQL[]): Promise<pg.QueryResult<Record<string, unknown>>[]> {
  if (queries.length === 0) return [];
  const own = ownTransaction(tx);
  if (own?.committed) committedClient.query();
  const named = queries.map((q) => {
    const built = dialect.sqlToQuery(q);
    return { ...built, name: statementName(built.sql, "r") };
  });
  const client = own?.client ?? (tx._.session as unknown as { client: pg.ClientBase }).client;
  const names = [...new Set(named.map((n) => n.name))];
  const sent = await runPrepared<Record<string, unknown>>(client, names, (has) => {
    const first = new Set(names.filter((name) => !has(name)));
    return named
      .flatMap((n) => {
        const texts = [...prepareText(n, !first.has(n.name)), executeText(n)];
        first.delete(n.name); // a query twice in one batch is prepared once
        return texts;
      })
      .join(";\n");
  });
  // one statement sent gives one result, not a list of one
  const results = Array.isArray(sent) ? sent : [sent as unknown as pg.QueryResult<Record<string, unknown>>];
  // in order: each query's [PREPARE] and EXECUTE
  return results.filter((r) => r.command !== "PREPARE");
}

/**
 * Sends one simple-query text that runs the prepared statements `names` (each with its PREPARE when
 * this connection has not prepared it yet: `text(has)` asks `has(name)`) and keeps the connection's
 * list of prepared statements right. Returns every statement's result, in order.
 */
async function runPrepared<Row extends Record<string, unknown>>(
  client: pg.ClientBase,
  names: string[],
  text: (has: (name: string) => boolean) => string,
): Promise<pg.QueryResult<Row>[]> {
  const known = preparedNames(client);
  let results: pg.QueryResult<Row>[];
  try {
    results = (await client.query(text((name) => known.has(name)))) as unknown as typeof results;
  } catch (e) {
    // A failed run leaves the connection's prepared statements unknown: the next run on it mends
    // the list from its error (this transaction is lost either way).
    const code = (e as { code?: string }).code;
    for (const name of names) {
      if (code === "42P05") known.add(name); // prepared already (a run whose EXECUTE failed)
      if (code === "26000") known.delete(name); // not prepared after all
    }
    throw e;
  }
  for (const name of names) known.add(name);
  return results;
}

type Pending = Named;

/** A transaction begun by transactionBegunWith: its connection, what goes with its COMMIT, and whether that has been sent. */
type Own = { client: pg.ClientBase; atCommit: Pending[]; committed: boolean; session: { client: unknown } };
const OWN = Symbol("junction.ownTransaction");
const ownTransaction = (tx: DbOrTx): Own | undefined => (tx as unknown as { [OWN]?: Own })[OWN];

/** What the transaction's drizzle session talks to once it has committed: anything more is a mistake, said loudly. */
const committedClient = {
  query: () => {
    throw new Error(
      "This transaction has already committed (its last statement went with the COMMIT): nothing more can run in it.",
    );
  },
};

/**
 * The transaction's last statement (executeGeneric with `last`), the statements left by
 * executeAtCommit and COMMIT, in one simple-query send: a read that ends its request saves the
 * round trip of a COMMIT of its own. From then on the transaction takes nothing more (an error, not a
 * statement run outside it). An error anywhere in the send commits nothing: the caller rolls back.
 */
async function commitAfter<Row extends Record<string, unknown>>(own: Own, named: Named): Promise<pg.QueryResult<Row>> {
  const pending = own.atCommit;
  let prepared = false;
  const results = await runPrepared<Row>(own.client, [named.name, ...pending.map((p) => p.name)], (has) => {
    prepared = has(named.name);
    return [genericRunText(named, prepared), ...commitTexts(pending, has)].join(";\n");
  });
  own.committed = true;
  own.session.client = committedClient;
  // in order: [PREPARE], set_config, the EXECUTE, set_config, each pending statement's [PREPARE] and EXECUTE, COMMIT
  return results[prepared ? 1 : 2]!;
}

/**
 * Runs `query` (as a statement prepared once per connection) in the transaction tx, as its last
 * statement before COMMIT: when tx was begun by transactionBegunWith it goes in the same send as the
 * COMMIT (one round trip fewer), otherwise (another transaction, a savepoint) it runs now. For rows
 * that only record what the transaction did, written at its end (a read's audit row): they commit
 * with it or not at all, and an error in them fails the request as before.
 */
export async function executeAtCommit(tx: DbOrTx, query: SQL): Promise<void> {
  const own = ownTransaction(tx);
  if (!own) {
    await executePrepared(tx, query);
    return;
  }
  if (own.committed) committedClient.query();
  const built = dialect.sqlToQuery(query);
  own.atCommit.push({ ...built, name: statementName(built.sql, "c") });
}

/** COMMIT, after the statements executeAtCommit left, in one simple-query send. */
async function commitWith(client: pg.ClientBase, pending: Pending[]): Promise<void> {
  if (pending.length === 0) {
    await client.query("COMMIT");
    return;
  }
  await runPrepared(
    client,
    pending.map((p) => p.name),
    (has) => commitTexts(pending, has).join(";\n"),
  );
}

/** The statements executeAtCommit left (each with its PREPARE where the connection lacks it), then COMMIT. */
const commitTexts = (pending: Pending[], has: (name: string) => boolean): string[] => [
  ...pending.flatMap((p) => [...prepareText(p, has(p.name)), executeText(p)]),
  "COMMIT",
];

/**
 * db.transaction(fn) with one round trip fewer: BEGIN and the transaction's first statement go as
 * one simple-query send (the statement prepared once per connection by SQL PREPARE, then EXECUTE
 * with the plan PostgreSQL picks), instead of BEGIN, then the statement. Every clinic transaction
 * starts with one (server/tenancy.ts: the membership lookup and set_config), so every request
 * saves a round trip. The rest is drizzle's transaction as it is: fn gets a drizzle transaction
 * on the connection (savepoints inside work as before), COMMIT when fn returns, ROLLBACK when it
 * or the first statement throws. fn also gets the first statement's rows. A read that ends the
 * request can take the COMMIT along instead (executeGeneric with `last`: free times), so such a
 * request is two round trips in all.
 */
export async function transactionBegunWith<Row extends Record<string, unknown>, T>(
  db: Db,
  first: SQL,
  fn: (tx: Tx, rows: Row[]) => Promise<T>,
): Promise<T> {
  const built = dialect.sqlToQuery(first);
  const name = statementName(built.sql, "b");
  // drizzle's own transaction() builds its session and transaction the same way (node-postgres/session.js)
  const base = db._.session as unknown as { dialect: PgDialect; schema: undefined; options: object };
  const client = await (db as Db & { $client: pg.Pool }).$client.connect();
  const tx = new NodePgTransaction(
    base.dialect,
    new NodePgSession(client, base.dialect, base.schema, base.options),
    base.schema,
  ) as unknown as Tx;
  const own: Own = { client, atCommit: [], committed: false, session: tx._.session as unknown as { client: unknown } };
  (tx as unknown as { [OWN]?: Own })[OWN] = own;
  let broken: Error | undefined;
  const named = { ...built, name };
  const begin = () =>
    runPrepared<Row>(client, [name], (has) =>
      ["BEGIN", ...prepareText(named, has(name)), executeText(named)].join(";\n"),
    );
  try {
    let results: pg.QueryResult<Row>[];
    try {
      results = await begin();
    } catch (e) {
      // the connection's list of prepared statements was wrong (runPrepared has mended it): once more
      const code = (e as { code?: string }).code;
      if (code !== "42P05" && code !== "26000") throw e;
      await client.query("ROLLBACK");
      results = await begin();
    }
    const value = await fn(tx, results[results.length - 1]!.rows);
    if (!own.committed) await commitWith(client, own.atCommit);
    return value;
  } catch (error) {
    if (own.committed) throw error; // committed with its last statement: nothing to roll back
    try {
      await client.query("ROLLBACK");
    } catch (e) {
      broken = e as Error; // the connection is gone: the pool must not hand it out again
    }
    throw error;
  } finally {
    client.release(broken);
  }
}

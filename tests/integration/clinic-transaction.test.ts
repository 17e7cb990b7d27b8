// The clinic transaction sends BEGIN and its first statement in one round trip (transactionBegunWith,
// db/client.ts). What it must still do like any transaction: keep what fn wrote when fn returns,
// keep nothing when fn or the first statement throws, and hand the connection back fit for the next request.
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sql } from "drizzle-orm";
import { createAppPool, drizzleFor, executeAtCommit, executeBatch, executeGeneric, type Db } from "@/db/client";
import { requireDatabaseUrl } from "@/server/env";
import { withClinic, withMemberClinic } from "@/server/tenancy";
import { seedClinic, type SeededClinic } from "../fixtures/clinic";

let clinic: SeededClinic;
let pool: pg.Pool;
let db: Db;

beforeAll(async () => {
  clinic = await seedClinic();
  pool = createAppPool(requireDatabaseUrl(), 1); // one connection: every run below reuses it
  db = drizzleFor(pool);
});
afterAll(() => pool.end());

const closureCount = (reason: string) =>
  withClinic(db, clinic.id, async (tx) => {
    const { rows } = await tx.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM closures WHERE clinic_id = ${clinic.id} AND reason = ${reason}`,
    );
    return rows[0]!.n;
  });
const addClosure = (tx: Parameters<Parameters<typeof withClinic>[2]>[0], reason: string) =>
  tx.execute(sql`INSERT INTO closures (clinic_id, starts_at, ends_at, reason)
                 VALUES (${clinic.id}, '2031-01-01T00:00:00Z', '2031-01-02T00:00:00Z', ${reason})`);

describe("a clinic transaction begun with its first statement", () => {
  test("what fn writes is kept when it returns, and nothing of it when it throws", async () => {
    await withClinic(db, clinic.id, (tx) => addClosure(tx, "kept"));
    await expect(
      withClinic(db, clinic.id, async (tx) => {
        await addClosure(tx, "undone");
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await closureCount("kept")).toBe(1);
    expect(await closureCount("undone")).toBe(0);
  });

  test("the first statement finds the membership and sets the clinic; a failing one leaves the connection usable", async () => {
    const seen = await withMemberClinic(db, clinic.owner.id, clinic.slug, async (tx, membership) => {
      const { rows } = await tx.execute<{ id: string }>(sql`SELECT current_setting('app.clinic_id') AS id`);
      return { role: membership?.role, setting: rows[0]!.id };
    });
    expect(seen).toEqual({ role: "owner", setting: clinic.id });
    // not a uuid: the first statement itself fails (inside the BEGIN's round trip)
    await expect(withMemberClinic(db, "not-a-uuid", clinic.slug, async () => "ran")).rejects.toThrow(/uuid/);
    // the same (only) connection, rolled back and still knowing what it has prepared
    expect(await withMemberClinic(db, clinic.owner.id, clinic.slug, async (_tx, m) => m?.id)).toBe(clinic.id);
    expect(await withMemberClinic(db, clinic.frontDesk.id, "no-such-clinic", async (_tx, m) => m)).toBeNull();
  });

  test("a statement left for the COMMIT commits with the transaction, and not at all when it rolls back", async () => {
    const atCommit = (reason: string) =>
      sql`INSERT INTO closures (clinic_id, starts_at, ends_at, reason)
          VALUES (${clinic.id}, '2031-02-01T00:00:00Z', '2031-02-02T00:00:00Z', ${reason})`;
    const seenInside = await withClinic(db, clinic.id, async (tx) => {
      await executeAtCommit(tx, atCommit("at commit"));
      const { rows } = await tx.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM closures WHERE reason = 'at commit'`,
      );
      return rows[0]!.n; // not sent yet: it goes with the COMMIT
    });
    expect(seenInside).toBe(0);
    expect(await closureCount("at commit")).toBe(1);
    await expect(
      withClinic(db, clinic.id, async (tx) => {
        await executeAtCommit(tx, atCommit("at a commit that never came"));
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await closureCount("at a commit that never came")).toBe(0);
    // inside a savepoint it runs at once (a rollback to the savepoint must take it back)
    await withClinic(db, clinic.id, (tx) =>
      tx.transaction(async (sp) => {
        await executeAtCommit(sp, atCommit("in a savepoint"));
        const { rows } = await sp.execute<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM closures WHERE reason = 'in a savepoint'`,
        );
        expect(rows[0]!.n).toBe(1);
      }),
    );
    expect(await closureCount("in a savepoint")).toBe(1);
  });

  test("a connection whose prepared statements are not what this copy of the code thinks still serves the request", async () => {
    const ownerClinic = () => withMemberClinic(db, clinic.owner.id, clinic.slug, async (_tx, m) => m?.id);
    expect(await ownerClinic()).toBe(clinic.id);
    const client = await pool.connect();
    try {
      // prepared by another copy of the module (Next.js bundles it more than once): the list forgets it
      (client as unknown as Record<symbol, Set<string>>)[Symbol.for("junction.preparedStatements")]!.clear();
    } finally {
      client.release();
    }
    expect(await ownerClinic()).toBe(clinic.id);
    const again = await pool.connect();
    try {
      await again.query("DEALLOCATE ALL"); // and the other way round: listed, but gone from the server
    } finally {
      again.release();
    }
    expect(await ownerClinic()).toBe(clinic.id);
  });
});

/** A promise's outcome as text: "ran", or its error's message (and its cause's: drizzle wraps them). */
const outcomeOf = (p: Promise<unknown>) =>
  p.then(
    () => "ran",
    (e: Error) => [e.message, (e.cause as Error | undefined)?.message].join(" "),
  );

describe("a last statement sent with the COMMIT (executeGeneric with last)", () => {
  const count = (reason: string) =>
    sql`SELECT count(*)::int AS n FROM closures WHERE clinic_id = ${clinic.id} AND reason = ${reason}`;

  test("answers; what the transaction wrote is committed by then; nothing more runs in it", async () => {
    const elsewhere = drizzleFor(createAppPool(requireDatabaseUrl(), 1));
    try {
      const seen = await withClinic(db, clinic.id, async (tx) => {
        await addClosure(tx, "before the last read");
        const { rows } = await executeGeneric<{ n: number }>(tx, count("before the last read"), "t", { last: true });
        const committed = await withClinic(
          elsewhere,
          clinic.id,
          async (o) => (await o.execute<{ n: number }>(count("before the last read"))).rows[0]!.n,
        );
        return {
          answer: rows[0]!.n,
          committed,
          more: await outcomeOf(tx.execute(sql`SELECT 1`)),
          atCommit: await outcomeOf(executeAtCommit(tx, sql`SELECT 1`)),
        };
      });
      expect(seen.answer).toBe(1);
      expect(seen.committed).toBe(1);
      expect(seen.more).toMatch(/already committed/);
      expect(seen.atCommit).toMatch(/already committed/);
      // the (only) connection serves the next transaction as usual
      expect(await closureCount("before the last read")).toBe(1);
    } finally {
      await (elsewhere as Db & { $client: pg.Pool }).$client.end();
    }
  });

  test("statements left for the COMMIT go with it; a last statement that fails commits nothing", async () => {
    const atCommit = sql`INSERT INTO closures (clinic_id, starts_at, ends_at, reason)
                         VALUES (${clinic.id}, '2031-03-01T00:00:00Z', '2031-03-02T00:00:00Z', 'left for the commit')`;
    await withClinic(db, clinic.id, async (tx) => {
      await executeAtCommit(tx, atCommit);
      await executeGeneric(tx, count("left for the commit"), "t", { last: true });
    });
    expect(await closureCount("left for the commit")).toBe(1);
    await expect(
      withClinic(db, clinic.id, async (tx) => {
        await addClosure(tx, "before a failing last read");
        await executeGeneric(tx, sql`SELECT 1 / (count(*) - count(*)) AS boom FROM closures`, "t", { last: true });
      }),
    ).rejects.toThrow(/division by zero/);
    expect(await closureCount("before a failing last read")).toBe(0);
  });

  test("in a savepoint it is an ordinary statement: the transaction goes on and commits at its end", async () => {
    const after = await withClinic(db, clinic.id, async (tx) => {
      await tx.transaction((sp) => executeGeneric(sp, count("after a savepoint's last read"), "t", { last: true }));
      await addClosure(tx, "after a savepoint's last read");
      return (await tx.execute<{ n: number }>(count("after a savepoint's last read"))).rows[0]!.n;
    });
    expect(after).toBe(1);
    expect(await closureCount("after a savepoint's last read")).toBe(1);
  });
});

describe("several reads in one send (executeBatch)", () => {
  const count = (reason: string) =>
    sql`SELECT count(*)::int AS n FROM closures WHERE clinic_id = ${clinic.id} AND reason = ${reason}`;
  const sendsDuring = async <T>(run: () => Promise<T>): Promise<{ result: T; sends: number }> => {
    const client = await pool.connect(); // the pool's only connection: the run below uses it too
    const original = client.query.bind(client);
    let sends = 0;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      sends++;
      return (original as (...a: unknown[]) => unknown)(...args);
    };
    client.release();
    try {
      return { result: await run(), sends };
    } finally {
      (client as unknown as { query: unknown }).query = original;
    }
  };

  test("answers each read in order, in one send after the transaction's first, each text prepared once", async () => {
    await withClinic(db, clinic.id, (tx) => addClosure(tx, "batched"));
    const other = await seedClinic();
    await withClinic(db, other.id, (tx) =>
      tx.execute(sql`INSERT INTO closures (clinic_id, starts_at, ends_at, reason)
                     VALUES (${other.id}, '2031-05-01T00:00:00Z', '2031-05-02T00:00:00Z', 'batched')`),
    );
    const batch = (tx: Parameters<Parameters<typeof withClinic>[2]>[0]) =>
      executeBatch(tx, [
        count("batched"),
        count("not there"),
        count("batched"),
        sql`SELECT count(*)::int AS n FROM closures WHERE reason = 'batched'`, // row-level security: this clinic's only
        sql`SELECT now() AS at, to_char(now(), 'YYYY') AS year`,
      ]);
    const { result, sends } = await sendsDuring(() =>
      withClinic(db, clinic.id, async (tx) => {
        const results = await batch(tx);
        const { rows } = await tx.execute<{ name: string }>(
          sql`SELECT name FROM pg_prepared_statements WHERE name LIKE 'r\_%'`,
        );
        return { answers: results.map((r) => r.rows[0]), prepared: rows.length };
      }),
    );
    expect(result.answers.slice(0, 4)).toEqual([{ n: 1 }, { n: 0 }, { n: 1 }, { n: 1 }]);
    expect(result.answers[4]!.at).toBeInstanceOf(Date); // pg's own parsers: a timestamp is a Date
    expect(result.prepared).toBe(3); // three texts: the counts share one (the reason is a parameter)
    // BEGIN with the membership lookup, the batch, the list of prepared statements, COMMIT
    expect(sends).toBe(4);
    // a second batch on the same connection EXECUTEs what it prepared the first time
    const again = await withClinic(db, clinic.id, batch);
    expect(again.map((r) => r.rows[0]!.n)).toEqual([1, 0, 1, 1, undefined]);
  });

  test("a read that fails fails the transaction: nothing it wrote is kept, and the connection serves the next one", async () => {
    await expect(
      withClinic(db, clinic.id, async (tx) => {
        await addClosure(tx, "before a failing batch");
        await executeBatch(tx, [count("before a failing batch"), sql`SELECT 1 / (count(*) - count(*)) FROM closures`]);
      }),
    ).rejects.toThrow(/division by zero/);
    expect(await closureCount("before a failing batch")).toBe(0);
    const [after] = await withClinic(db, clinic.id, (tx) => executeBatch(tx, [count("before a failing batch")]));
    expect(after!.rows).toEqual([{ n: 0 }]);
  });
});

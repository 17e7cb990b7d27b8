// One start-up path for dev, production and tests: find or start PostgreSQL, make sure the
// database exists, apply pending migrations, optionally seed the demo clinic.
import { drizzleFor, createAppPool } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { ensureDatabaseExists, startDatabaseServer, type DatabaseServer } from "@/db/postgres";
import { seedDemo } from "@/db/seed/demo";
import { env } from "./env";

export type Booted = { databaseUrl: string; server: DatabaseServer };

export async function bootDatabase(opts: { seed: boolean; log?: (m: string) => void }): Promise<Booted> {
  const log = opts.log ?? ((m: string) => console.log(m));
  const server = await startDatabaseServer({ databaseUrl: env.DATABASE_URL, dataDir: env.JUNCTION_DATA_DIR, log });
  const name = env.JUNCTION_DB_NAME ?? (server.embedded ? "junction" : null);
  const databaseUrl = name
    ? await ensureDatabaseExists(server.url, name, { recreate: env.JUNCTION_RESET_DB === "1" })
    : server.url;
  await migrateDatabase(databaseUrl);
  if (opts.seed) {
    const pool = createAppPool(databaseUrl, 2);
    try {
      await seedDemo(drizzleFor(pool), log);
    } finally {
      await pool.end();
    }
  }
  return { databaseUrl, server };
}

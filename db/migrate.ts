import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import path from "node:path";
import pg from "pg";
import { seedExerciseLibrary } from "./seed/library";

export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "db/migrations");

/**
 * Applies pending migrations as the table owner, then brings the shipped exercise library up to
 * date (it is reference data every environment needs); an advisory lock keeps concurrent boots in line.
 */
export async function migrateDatabase(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(727001)");
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
    await seedExerciseLibrary(client);
  } finally {
    await client.query("SELECT pg_advisory_unlock(727001)").catch(() => {});
    await client.end();
  }
}

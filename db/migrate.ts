import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import path from "node:path";
import pg from "pg";
import { APP_ROLE, appRolePassword, appRoleUrl } from "./client";
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
    await ensureAppRoleLogin(client, adminUrl);
  } finally {
    await client.query("SELECT pg_advisory_unlock(727001)").catch(() => {});
    await client.end();
  }
}

/**
 * The app's requests log in as junction_app (db/client.ts). Where the server asks for a password
 * and the expected one does not work yet, the owner sets it; a server that trusts local
 * connections, or a role that already has it, is left alone (roles are shared by every database
 * on the server, so a boot changes them only when it must).
 */
async function ensureAppRoleLogin(admin: pg.Client, adminUrl: string): Promise<void> {
  const tryLogin = async () => {
    const app = new pg.Client({ connectionString: appRoleUrl(adminUrl) });
    try {
      await app.connect();
      await app.query("SELECT 1");
      return null;
    } catch (error) {
      return error as Error;
    } finally {
      await app.end().catch(() => {});
    }
  };
  if (!(await tryLogin())) return;
  await admin.query(`ALTER ROLE ${APP_ROLE} WITH LOGIN PASSWORD ${admin.escapeLiteral(appRolePassword(adminUrl))}`);
  const failed = await tryLogin();
  if (failed) throw new Error(`The app cannot log in to PostgreSQL as ${APP_ROLE}: ${failed.message}`);
}

import { sql } from "drizzle-orm";
import { appDb } from "@/db/client";

export async function checkHealth(): Promise<{
  ok: boolean;
  database: "up" | "down";
  latencyMs: number;
  error?: string;
}> {
  const started = performance.now();
  try {
    await appDb().execute(sql`SELECT 1`);
    return { ok: true, database: "up", latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      ok: false,
      database: "down",
      latencyMs: Math.round(performance.now() - started),
      error: (error as Error).message,
    };
  }
}

import { checkHealth } from "@/server/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth();
  return Response.json(
    { status: health.ok ? "ok" : "error", database: health.database, latencyMs: health.latencyMs },
    { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}

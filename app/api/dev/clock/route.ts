// Development and browser tests only (404 in production unless JUNCTION_TEST_CLOCK=1): moves the
// jobs clock — { advanceMs } or { now } or { reset: true } — and wakes the dispatcher, so a test
// sees tomorrow's reminder in the outbox without waiting a day. GET answers the current "now".
import { z } from "zod";
import { appDb } from "@/db/client";
import { adjustableClock } from "@/server/env";
import { jobsNow, setJobsClock } from "@/server/jobs/clock";

export const dynamic = "force-dynamic";

const changeSchema = z.union([
  z.object({
    advanceMs: z
      .number()
      .int()
      .min(-366 * 86_400_000)
      .max(366 * 86_400_000),
  }),
  z.object({ now: z.coerce.date() }),
  z.object({ reset: z.literal(true) }),
]);

const notFound = () => new Response("Not found", { status: 404 });

export async function GET() {
  if (!adjustableClock()) return notFound();
  return Response.json({ now: (await jobsNow(appDb())).toISOString() }, { headers: { "Cache-Control": "no-store" } });
}

export async function POST(request: Request) {
  if (!adjustableClock()) return notFound();
  const parsed = changeSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success)
    return Response.json({ error: "Send { advanceMs }, { now } or { reset: true }" }, { status: 400 });
  const now = await setJobsClock(appDb(), parsed.data);
  return Response.json({ now: now.toISOString() }, { headers: { "Cache-Control": "no-store" } });
}

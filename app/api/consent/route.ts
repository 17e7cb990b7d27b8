// POST /api/consent: the banner records a visitor's decision and gets back the signature its
// consent cookie keeps. Same-origin JSON only, at most 2 KB, rate-limited per client.
import { appDb } from "@/db/client";
import { authSecret } from "@/server/env";
import { DomainError } from "@/server/errors";
import { recordConsent } from "@/server/consent/record";
import { clientIp } from "@/server/client-ip";
import { truncateIp, userAgentFamily } from "@/server/consent/request-facts";
import { LimitReached } from "@/server/limits/limiter";
import { consentDecisionSchema } from "@/server/consent/schemas";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 2048;

const answer = (status: number, body: Record<string, unknown>) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/** The body as text, or null when it is larger than `limit` bytes (counted as it streams). */
async function readCapped(request: Request, limit: number): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function crossSite(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin") return true;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  try {
    return new URL(origin).host !== (request.headers.get("x-forwarded-host") ?? request.headers.get("host"));
  } catch {
    return true;
  }
}

export async function POST(request: Request) {
  if (crossSite(request)) return answer(403, { error: "Consent can only be recorded from this site's pages." });
  if (!request.headers.get("content-type")?.toLowerCase().startsWith("application/json")) {
    return answer(415, { error: "Send JSON." });
  }
  const text = await readCapped(request, MAX_BODY_BYTES);
  if (text === null) return answer(413, { error: "That request is too large." });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return answer(400, { error: "That request is not valid JSON." });
  }
  const input = consentDecisionSchema.safeParse(body);
  if (!input.success) return answer(400, { error: "That consent decision is not valid." });

  const ip = clientIp(request.headers);
  try {
    const result = await recordConsent(
      appDb(),
      input.data,
      {
        ipTruncated: truncateIp(ip),
        userAgentFamily: userAgentFamily(request.headers.get("user-agent")),
        gpcHeader: request.headers.get("sec-gpc") === "1",
        clientIp: ip,
      },
      { secret: authSecret() },
    );
    return answer(200, result);
  } catch (error) {
    if (error instanceof DomainError) {
      const status = error.kind === "TOO_MANY_REQUESTS" ? 429 : error.kind === "NOT_FOUND" ? 404 : 400;
      const response = answer(status, { error: error.userMessage, code: error.code });
      if (error instanceof LimitReached)
        response.headers.set("Retry-After", String(Math.ceil(error.retryAfterMs / 1000)));
      return response;
    }
    throw error;
  }
}

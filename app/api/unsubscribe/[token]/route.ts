// One-click unsubscribe (RFC 8058): mail clients POST here from the List-Unsubscribe header; the
// /unsubscribe/<token> page's button posts here too and is sent back to the page.
import { decodePathSegment } from "@/app/_lib/path-token";
import { appDb } from "@/db/client";
import { unsubscribeByToken } from "@/server/messages/unsubscribe";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const token = decodePathSegment((await params).token);
  if (token === null) return Response.json({ status: "invalid", message: "This link is not valid." }, { status: 404 });
  const result = await unsubscribeByToken(appDb(), token);
  if (new URL(request.url).searchParams.get("from") === "page") {
    const back = new URL(`/unsubscribe/${encodeURIComponent(token)}?${result.ok ? "done=1" : "failed=1"}`, request.url);
    return Response.redirect(back, 303);
  }
  return Response.json(result.ok ? { status: "unsubscribed" } : { status: "invalid", message: result.reason }, {
    status: result.ok ? 200 : 400,
  });
}

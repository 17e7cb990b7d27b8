// The one place that decides by Host (server/origins.ts): staff pages only on the staff origin,
// patients' and visitors' pages only on the public origin, and no staff session cookie ever reaches
// the app on the public origin. Then security headers on every response: a per-request CSP nonce
// (Next.js applies it to its own scripts), no framing, no sniffing, a strict referrer policy, HSTS.
import { NextResponse, type NextRequest } from "next/server";
import { configuredOrigins } from "@/server/env";
import { decideOrigin, withoutStaffCookies } from "@/server/origins";

/** An address whose percent-encoding is broken names no page (Next.js itself would answer 500). */
function decodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export function proxy(request: NextRequest) {
  if (!decodablePath(request.nextUrl.pathname)) {
    return new NextResponse("This address is not valid. Check the link, or ask the clinic for a new one.", {
      status: 404,
      headers: {
        "Content-Type": "text/plain; charset=utf-8",
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  }
  const decision = decideOrigin(
    { host: request.headers.get("host"), pathname: request.nextUrl.pathname, search: request.nextUrl.search },
    configuredOrigins(),
  );
  if (decision.action === "redirect") return NextResponse.redirect(decision.location, 307);
  if (decision.action === "not-found") {
    return new NextResponse("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const dev = process.env.NODE_ENV !== "production";
  // HTTPS-only directives only when served over HTTPS (not `npm start` on http://localhost).
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  // A clinic's booking page (public origin only) may run its third-party tags once a visitor consents
  // (app/_components/consent/). This header cannot know the clinic's tags (no database here), so it
  // allows https; the page narrows that to the hosts its tags declared with a second policy in a
  // <meta> (server/consent/tag-policy.ts, rendered by public-shell.tsx); a browser enforces both.
  const tagPage = decision.origin === "public" && /^\/book\/[^/]+\/?$/.test(request.nextUrl.pathname);
  const tagOrigins = tagPage ? " https:" : "";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tagOrigins}`,
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}${tagOrigins}`,
    `frame-src 'self'${tagOrigins}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");

  const requestHeaders = new Headers(request.headers);
  if (decision.origin === "public") {
    const cookie = withoutStaffCookies(request.headers.get("cookie"));
    if (cookie) requestHeaders.set("cookie", cookie);
    else requestHeaders.delete("cookie");
  }
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  // Lets server components send a signed-out visitor back to the page they asked for.
  // (next.config.js skipProxyUrlNormalize shows us Next.js's own _rsc parameter: not part of the page's address.)
  const search = new URLSearchParams(request.nextUrl.search);
  search.delete("_rsc");
  const query = search.toString();
  requestHeaders.set("x-pathname", request.nextUrl.pathname + (query ? `?${query}` : ""));
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("X-Frame-Options", "DENY");
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  response.headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (!dev && https) response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains; preload");
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};

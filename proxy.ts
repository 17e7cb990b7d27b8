// Security headers on every response: a per-request CSP nonce (Next.js applies it to its own
// scripts), no framing, no sniffing, a strict referrer policy and HSTS in production.
import { NextResponse, type NextRequest } from "next/server";

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
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const dev = process.env.NODE_ENV !== "production";
  // HTTPS-only directives only when served over HTTPS (not `npm start` on http://localhost).
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  // A clinic's booking page may run its third-party tags once a visitor consents
  // (app/_components/consent/): their beacons, pixels and frames go to https origins we cannot list
  // in advance. Scripts still need this response's nonce (or a nonced script that loads them).
  const tagPage = /^\/book\/[^/]+\/?$/.test(request.nextUrl.pathname);
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
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  // Lets server components send a signed-out visitor back to the page they asked for.
  requestHeaders.set("x-pathname", request.nextUrl.pathname + request.nextUrl.search);
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

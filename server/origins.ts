// The two origins (README, "Two origins"): which one a request came to, and which paths belong to
// which. proxy.ts applies decideOrigin() to every request; the tRPC context applies requestOrigin()
// to every procedure. Pure functions of the request and the configured origins, so tests call them.

/** Where staff work (sessions, /c/*, staff APIs) and where patients and visitors go (clinic tags may run there). */
export type OriginKind = "staff" | "public";
/** The configured origins, e.g. { staff: "https://app.example.com", public: "https://book.example.com" }. */
export type OriginConfig = { staff: string; public: string };

/** Staff only: redirected (pages) or 404 (APIs) on the public origin. */
const STAFF_PREFIXES = ["/c", "/signin", "/signup", "/auth", "/clinics", "/dev", "/api/auth", "/api/dev"];
/** What a patient or visitor opens: redirected to the public origin when opened on the staff one. */
const PUBLIC_PREFIXES = ["/book", "/p", "/q", "/unsubscribe"];

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

/** Paths compared as the router will see them; an undecodable path is compared as it came. */
function normalisedPath(pathname: string): string {
  let path = pathname;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    // kept as is
  }
  return path.replace(/\/{2,}/g, "/");
}

/**
 * "staff", "public", or "shared" (both origins: the home page, Junction's cookie policy, /api/trpc
 * whose staff procedures check the origin themselves, /api/consent, /api/unsubscribe, assets).
 */
export function pathArea(pathname: string): OriginKind | "shared" {
  const path = normalisedPath(pathname);
  if (STAFF_PREFIXES.some((p) => under(path, p))) return "staff";
  if (PUBLIC_PREFIXES.some((p) => under(path, p))) return "public";
  if (/^\/cookies\/[^/]+\/?$/.test(path)) return "public";
  return "shared";
}

function hostOf(url: string): string {
  return new URL(url).host.toLowerCase();
}

/** The staff origin only for its exact host (Host header, port included); any other host is treated as public. */
export function originKindOfHost(host: string | null, origins: OriginConfig): OriginKind {
  return host !== null && host.trim().toLowerCase() === hostOf(origins.staff) ? "staff" : "public";
}

export type OriginDecision =
  { action: "pass"; origin: OriginKind } | { action: "redirect"; location: string } | { action: "not-found" };

/** What proxy.ts does with a request: pass it on, send it to the other origin, or answer 404 (APIs). */
export function decideOrigin(
  request: { host: string | null; pathname: string; search: string },
  origins: OriginConfig,
): OriginDecision {
  const origin = originKindOfHost(request.host, origins);
  const area = pathArea(request.pathname);
  if (area === "shared" || area === origin) return { action: "pass", origin };
  if (normalisedPath(request.pathname).startsWith("/api/")) return { action: "not-found" };
  // Concatenated, never resolved against the origin: "//elsewhere" stays a path on our host.
  return { action: "redirect", location: `${new URL(origins[area]).origin}${request.pathname}${request.search}` };
}

/**
 * The origin an API request may act for. "staff" only when it came to the staff host and, if the
 * browser says where it was sent from (Origin, Sec-Fetch-Site), from the staff origin itself: a
 * script on the public origin, or any other site, never gets "staff" even with a cookie.
 */
export function requestOrigin(
  request: { host: string | null; origin: string | null; fetchSite: string | null },
  origins: OriginConfig,
): OriginKind | "foreign" {
  const kind = originKindOfHost(request.host, origins);
  if (request.origin !== null) {
    let sent: string | null = null;
    try {
      sent = new URL(request.origin).origin;
    } catch {
      sent = null;
    }
    if (sent === null || sent === "null" || sent !== new URL(origins[kind]).origin) return "foreign";
  }
  if (request.fetchSite !== null && request.fetchSite !== "same-origin" && request.fetchSite !== "none") {
    return "foreign";
  }
  return kind;
}

/** next-auth's cookies (session, CSRF, callback), with or without the __Secure-/__Host- prefix. */
const STAFF_COOKIE = /^(__Secure-|__Host-)?next-auth\./;

/** The Cookie header without next-auth's cookies; null when nothing is left. */
export function withoutStaffCookies(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  const kept = cookieHeader
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part && !STAFF_COOKIE.test(part.split("=")[0]!.trim()));
  return kept.length > 0 ? kept.join("; ") : null;
}

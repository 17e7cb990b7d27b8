// The one check for every redirect target a request can name (callbackUrl, next, next-auth's redirect
// callback): parsed with URL against the staff origin, anything that would leave it becomes the fallback.
// Pure, with no server-only imports, so sign-in pages and client components use the same function.

/** Where a refused or missing target sends people: the home page picks their clinic. */
export const DEFAULT_REDIRECT = "/";

// A stand-in origin for parsing relative targets when the real one is not known (client code).
const PLACEHOLDER_ORIGIN = "https://staff.invalid";

// Control characters (the URL parser silently drops tab and newline) and backslashes (it reads "\" as "/").
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f\\]/;

/**
 * A same-origin path (`/c/demo/calendar?x=1`) for `target`, or `fallback`. Accepts a path starting with
 * a single "/", or an absolute URL on `origin` (the staff origin; next-auth hands its callback absolute
 * URLs). Refuses protocol-relative and backslash tricks, encoded slashes and dot segments that would
 * produce "//host", other schemes (`javascript:`), and other origins.
 */
export function safeRedirect(target: unknown, options: { origin?: string; fallback?: string } = {}): string {
  const fallback = options.fallback ?? DEFAULT_REDIRECT;
  if (typeof target !== "string" || target.length === 0 || target.length > 2048) return fallback;
  const base = options.origin ?? PLACEHOLDER_ORIGIN;
  let baseOrigin: string;
  try {
    baseOrigin = new URL(base).origin;
  } catch {
    return fallback;
  }
  const absolute = !target.startsWith("/");
  if (absolute && !target.toLowerCase().startsWith(`${baseOrigin.toLowerCase()}/`) && target !== baseOrigin) {
    return fallback;
  }
  if (UNSAFE_CHARACTERS.test(target)) return fallback;
  let url: URL;
  try {
    url = new URL(target, baseOrigin);
  } catch {
    return fallback;
  }
  if (url.origin !== baseOrigin || url.username || url.password) return fallback;
  let decodedPath: string;
  try {
    decodedPath = decodeURIComponent(url.pathname);
  } catch {
    return fallback;
  }
  // Once decoded (by a router, a proxy, a later redirect), the path must still be a plain local path.
  if (!decodedPath.startsWith("/") || decodedPath.startsWith("//") || UNSAFE_CHARACTERS.test(decodedPath)) {
    return fallback;
  }
  return `${url.pathname}${url.search}${url.hash}`;
}

// The client's IP address, decided in one place. Next.js passes a client-sent X-Forwarded-For through
// unchanged (it only fills the header in when it is missing), so the header proves nothing by itself:
// the TCP peer comes from the CLI's front (server/front.ts) in SOCKET_HEADER, with a per-boot token, and
// X-Forwarded-For is read only through TRUSTED_PROXY_HOPS proxies that the operator declared.
import { timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";
import { env } from "./env";

/** Set by server/front.ts on every request (any client-sent copy is replaced): "<token> <socket address>". */
export const SOCKET_HEADER = "x-junction-socket";

/** Request headers as route handlers (Headers) and next-auth's authorize (a plain object) see them. */
export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function read(headers: HeaderSource, name: string): string | null {
  // Next's headers() is Headers-like without always being an instance of this realm's Headers.
  if (typeof headers.get === "function") return (headers as Headers).get(name);
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value.join(",") : (value ?? null);
}

/** "::ffff:203.0.113.5" → "203.0.113.5"; anything that is not an address → null. */
export function normaliseIp(value: string | null | undefined): string | null {
  const v = value?.trim().replace(/^\[|\]$/g, "") ?? "";
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(v);
  const ip = mapped ? mapped[1]! : v;
  return isIP(ip) ? ip.toLowerCase() : null;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

let warned = false;
function warnNoFront() {
  if (warned || env.NODE_ENV !== "production") return;
  warned = true;
  console.warn(
    "[junction] started without its front (use `npm start`): client addresses are unknown and per-IP limits are off",
  );
}

/** The TCP peer's address as the front reported it, or null (no front, or a header the front did not set). */
export function socketAddress(headers: HeaderSource, token: string | undefined = env.JUNCTION_FRONT_TOKEN) {
  if (!token) warnNoFront();
  const value = read(headers, SOCKET_HEADER);
  if (!token || !value) return null;
  const [given = "", address = ""] = value.split(" ");
  return sameToken(given, token) ? normaliseIp(address) : null;
}

/**
 * The client's address: with no trusted proxy, the TCP peer; with n, the n-th X-Forwarded-For entry
 * from the right (each trusted proxy appends the address it was connected from). A request with fewer
 * entries than declared hops did not come through the proxies: its TCP peer is the client.
 */
export function clientIp(
  headers: HeaderSource,
  opts: { hops?: number; token?: string | undefined } = {},
): string | null {
  const hops = opts.hops ?? env.TRUSTED_PROXY_HOPS;
  const socket = socketAddress(headers, "token" in opts ? opts.token : env.JUNCTION_FRONT_TOKEN);
  if (hops === 0) return socket;
  const chain = (read(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (chain.length < hops) return socket;
  return normaliseIp(chain[chain.length - hops]) ?? socket;
}

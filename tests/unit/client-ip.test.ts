// Which address the limits count: the TCP peer as the CLI's front reports it, or an X-Forwarded-For
// entry only through the proxies the operator declared — never what a client says about itself.
import { describe, expect, test } from "vitest";
import { clientIp, SOCKET_HEADER } from "@/server/client-ip";

const TOKEN = "front-token-for-this-boot";
const request = (headers: Record<string, string>) => new Headers(headers);

describe("the client's IP", () => {
  test("with no trusted proxy it is the socket's address, whatever X-Forwarded-For says", () => {
    const h = request({ [SOCKET_HEADER]: `${TOKEN} 203.0.113.9`, "x-forwarded-for": "1.2.3.4" });
    expect(clientIp(h, { hops: 0, token: TOKEN })).toBe("203.0.113.9");
  });

  test("a socket header not set by this boot's front (wrong or no token) is ignored", () => {
    expect(clientIp(request({ [SOCKET_HEADER]: "guess 1.2.3.4" }), { hops: 0, token: TOKEN })).toBeNull();
    expect(clientIp(request({ [SOCKET_HEADER]: `${TOKEN} 1.2.3.4` }), { hops: 0, token: undefined })).toBeNull();
  });

  test("IPv4-mapped IPv6 peers are counted as their IPv4 address; junk is no address", () => {
    expect(clientIp(request({ [SOCKET_HEADER]: `${TOKEN} ::ffff:127.0.0.1` }), { hops: 0, token: TOKEN })).toBe(
      "127.0.0.1",
    );
    expect(clientIp(request({ [SOCKET_HEADER]: `${TOKEN} not-an-ip` }), { hops: 0, token: TOKEN })).toBeNull();
  });

  test("behind n trusted proxies it is the n-th X-Forwarded-For entry from the right, so prepended lies do not count", () => {
    const socket = { [SOCKET_HEADER]: `${TOKEN} 10.0.0.2` };
    // The client sent "1.2.3.4"; the load balancer appended the client's real address.
    const one = request({ ...socket, "x-forwarded-for": "1.2.3.4, 198.51.100.20" });
    expect(clientIp(one, { hops: 1, token: TOKEN })).toBe("198.51.100.20");
    // CDN appends the client, the load balancer appends the CDN.
    const two = request({ ...socket, "x-forwarded-for": "1.2.3.4, 198.51.100.20, 192.0.2.50" });
    expect(clientIp(two, { hops: 2, token: TOKEN })).toBe("198.51.100.20");
  });

  test("a request with fewer entries than declared proxies did not come through them: its peer is the client", () => {
    const h = request({ [SOCKET_HEADER]: `${TOKEN} 203.0.113.77` });
    expect(clientIp(h, { hops: 1, token: TOKEN })).toBe("203.0.113.77");
  });

  test("next-auth's plain header object works the same", () => {
    expect(
      clientIp({ [SOCKET_HEADER]: `${TOKEN} 203.0.113.9`, "x-forwarded-for": "1.2.3.4" }, { token: TOKEN, hops: 0 }),
    ).toBe("203.0.113.9");
  });
});

// The front door in front of Next.js (server/front.ts): when Next.js closes a kept-alive socket just
// as the front reuses it, a page load is sent again instead of showing "Junction is starting or
// restarting" to someone whose server is up.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startFront } from "@/server/front";

let upstream: http.Server;
let front: http.Server;
let served = 0;

beforeAll(async () => {
  // An upstream that answers a socket's first request and hangs up on any later one on it: what a
  // server does when its keep-alive timeout fires as a reused socket's request arrives.
  upstream = http.createServer((req, res) => {
    const socket = req.socket as typeof req.socket & { handled?: number };
    socket.handled = (socket.handled ?? 0) + 1;
    if (socket.handled > 1) {
      socket.destroy();
      return;
    }
    served += 1;
    res.end(`page ${served}`);
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  const upstreamPort = (upstream.address() as AddressInfo).port;
  front = await startFront({ port: 0, hostname: "127.0.0.1", upstreamPort, token: "t" });
});

afterAll(async () => {
  await new Promise((resolve) => front.close(resolve));
  await new Promise((resolve) => upstream.close(resolve));
});

function get(path: string): Promise<{ status: number; body: string }> {
  const { port } = front.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path, agent: false }, (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on("error", reject);
  });
}

test("a page load on a socket the upstream just closed is sent again and answered", async () => {
  expect(await get("/one")).toEqual({ status: 200, body: "page 1" });
  // The front reuses its kept-alive socket; the upstream hangs up on it; the front retries once.
  expect(await get("/two")).toEqual({ status: 200, body: "page 2" });
  expect(await get("/three")).toEqual({ status: 200, body: "page 3" });
});

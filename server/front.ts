// The CLI's front door: a small HTTP proxy on PORT in front of Next.js, which listens on a loopback
// port. Next.js hands the app no socket, and keeps a client-sent X-Forwarded-For as it is, so the front
// tells the app the TCP peer's address in SOCKET_HEADER (with a per-boot token; a client's copy is
// replaced). Everything else passes through unchanged, websockets (development reloads) included.
import http from "node:http";
import net from "node:net";
import { SOCKET_HEADER } from "./client-ip";

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "proxy-connection", "upgrade"]);

/** A port nothing listens on now, on loopback (for Next.js behind the front). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function forwardedHeaders(req: http.IncomingMessage, token: string, publicPort: number) {
  const headers: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name !== SOCKET_HEADER && !HOP_BY_HOP.has(name)) headers[name] = value;
  }
  headers[SOCKET_HEADER] = `${token} ${req.socket.remoteAddress ?? ""}`;
  headers["x-forwarded-port"] ??= String(publicPort);
  return headers;
}

export function startFront(opts: {
  port: number;
  upstreamPort: number;
  token: string;
  hostname?: string;
}): Promise<http.Server> {
  // Idle keep-alive sockets are dropped before Next.js's own 5 s keep-alive timeout closes them, so the
  // front rarely sends a request down a socket the other end is closing.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256, timeout: 4_000 });
  const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS"]);
  const server = http.createServer((req, res) => {
    const forward = (retried: boolean) => {
      const upstream = http.request(
        {
          host: "127.0.0.1",
          port: opts.upstreamPort,
          method: req.method,
          path: req.url,
          headers: forwardedHeaders(req, opts.token, opts.port),
          agent,
        },
        (answer) => {
          const headers: http.OutgoingHttpHeaders = {};
          for (const [name, value] of Object.entries(answer.headers)) if (!HOP_BY_HOP.has(name)) headers[name] = value;
          res.writeHead(answer.statusCode ?? 502, answer.statusMessage, headers);
          answer.pipe(res);
        },
      );
      upstream.on("error", (error: NodeJS.ErrnoException) => {
        // A kept-alive socket Next.js closed at that moment: a request with no body is simply sent again.
        if (!retried && upstream.reusedSocket && error.code === "ECONNRESET" && IDEMPOTENT.has(req.method ?? "")) {
          forward(true);
          return;
        }
        if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain; charset=utf-8" });
        res.end("Junction is starting or restarting. Try again in a moment.");
      });
      // A client gone before the answer ends: stop the upstream request too.
      res.on("close", () => {
        if (!res.writableFinished) upstream.destroy();
      });
      if (retried) upstream.end();
      else req.pipe(upstream);
    };
    forward(false);
  });
  server.on("upgrade", (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    const upstream = net.connect(opts.upstreamPort, "127.0.0.1", () => {
      const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        const name = req.rawHeaders[i]!;
        if (name.toLowerCase() !== SOCKET_HEADER) lines.push(`${name}: ${req.rawHeaders[i + 1]}`);
      }
      lines.push(`${SOCKET_HEADER}: ${opts.token} ${socket.remoteAddress ?? ""}`);
      upstream.write(`${lines.join("\r\n")}\r\n\r\n`);
      if (head.length) upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.hostname, () => resolve(server));
  });
}

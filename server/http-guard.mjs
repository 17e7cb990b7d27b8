// Preloaded into the Next.js process (server/cli.ts: node --import): answers 405 to HTTP methods
// the app never serves (TRACE, TRACK) before Next.js sees them. Next.js cannot build a Request for
// them and would answer 500; proxy.ts never runs for them.
import http from "node:http";

const REFUSED = new Set(["TRACE", "TRACK"]);
const ALLOW = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
const emit = http.Server.prototype.emit;

http.Server.prototype.emit = function guardedEmit(event, ...args) {
  if (event === "request") {
    const [req, res] = args;
    if (REFUSED.has(String(req.method).toUpperCase())) {
      req.resume();
      res.writeHead(405, { Allow: ALLOW, "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
      res.end("Method Not Allowed");
      return true;
    }
  }
  return emit.call(this, event, ...args);
};

// The app as it is deployed, for the pages bench: the production build (`next build`, run here when
// there is none or BENCH_BUILD=1) started by the CLI's own start path (`tsx server/cli.ts start`:
// the front proxy on PORT, Next.js behind it on loopback) against the bench's database, staff on
// http://localhost:<port> and the public on http://127.0.0.1:<port>, as the browser tests run it.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import net from "node:net";
import path from "node:path";

export type AppServer = { staffUrl: string; publicUrl: string; secret: string; stop: () => Promise<void> };

const BUILD_ID = path.resolve(".next/BUILD_ID");

/** Builds the app when there is no build (or BENCH_BUILD=1); says which build it times. */
export function ensureBuild(log: (m: string) => void): void {
  if (process.env.BENCH_BUILD !== "1" && existsSync(BUILD_ID)) {
    const built = statSync(BUILD_ID).mtime.toISOString().replace("T", " ").slice(0, 16);
    log(`Using the production build in .next (built ${built} UTC; BENCH_BUILD=1 rebuilds it first).`);
    return;
  }
  log("Building the app for production (next build; a few minutes) …");
  const started = Date.now();
  const result = spawnSync(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "build"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
  log(`Built in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The app exited (code ${child.exitCode}) before it was ready`);
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The app did not answer ${url}/api/health within ${timeoutMs / 1000} s`);
}

/** Starts `npm start`'s path on a free port against database `name` on `serverUrl`'s PostgreSQL. */
export async function startAppServer(serverUrl: string, name: string): Promise<AppServer> {
  const port = await freePort();
  const staffUrl = `http://localhost:${port}`;
  const publicUrl = `http://127.0.0.1:${port}`;
  const secret = randomBytes(32).toString("base64url");
  const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "server/cli.ts", "start"], {
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: serverUrl,
      JUNCTION_DB_NAME: name,
      JUNCTION_RESET_DB: "0",
      JUNCTION_SEED_DEMO: "0",
      JUNCTION_INLINE_WORKER: "0",
      APP_URL: staffUrl,
      PUBLIC_URL: publicUrl,
      NEXTAUTH_URL: staffUrl,
      NEXTAUTH_SECRET: secret,
    },
  });
  // tsx runs the CLI in a child of its own and the CLI starts Next.js: all in the group made by
  // `detached`, so the group is what is stopped (SIGTERM, then SIGKILL after 15 s) and waited for.
  const group = child.pid;
  const alive = () => {
    try {
      process.kill(-group!, 0);
      return true;
    } catch {
      return false;
    }
  };
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-group!, sig);
    } catch {
      // already gone
    }
  };
  const stop = async () => {
    if (group === undefined || !alive()) return;
    signal("SIGTERM");
    const deadline = Date.now() + 15_000;
    while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (alive()) signal("SIGKILL");
  };
  try {
    await waitForHealth(staffUrl, child, 120_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { staffUrl, publicUrl, secret, stop };
}

const cookiesOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((line) => line.split(";")[0]!)
    .filter((pair) => !pair.endsWith("="));

/** Signs in with email and password as the sign-in form does; answers the Cookie header for staff requests. */
export async function signIn(staffUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${staffUrl}/api/auth/csrf`);
  const jar = cookiesOf(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${staffUrl}/api/auth/callback/password`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: jar.join("; "),
      origin: staffUrl,
    },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = cookiesOf(res).find((pair) => pair.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`Signing in as ${email} set no session cookie (HTTP ${res.status})`);
  return [...jar.filter((p) => !p.startsWith("next-auth.session-token=")), session].join("; ");
}

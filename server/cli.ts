// npm run dev | npm start | npm run worker | npm run db:migrate | npm run db:seed
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { DEMO_PASSWORD, DEMO_USERS } from "@/db/seed/demo";
import { bootDatabase } from "./boot";
import { configuredOrigins, env, provideAuthSecret } from "./env";
import { freeLoopbackPort, startFront } from "./front";
import { startWorker, type Worker } from "./jobs/worker";

const started = Date.now();
const command = process.argv[2];
const log = (m: string) => console.log(`[junction] ${m}`);

function persistentSecret(): string {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  const file = path.resolve(".data/auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

const workerLog = (m: string) => console.log(`[worker] ${m}`);

async function runNext(mode: "dev" | "start") {
  // Two origins (README, "Two origins"): a wrong configuration stops here, before anything starts.
  const origins = configuredOrigins();
  const booted = await bootDatabase({ seed: mode === "dev" || env.JUNCTION_SEED_DEMO === "1", log });
  const url = env.NEXTAUTH_URL ?? origins.staff;
  const secret = persistentSecret();
  const nextBin = path.resolve("node_modules/next/dist/bin/next");
  // Next.js listens on loopback only; the front on PORT tells it each request's TCP peer (server/front.ts).
  // Its own address (127.0.0.1:<internal port>) is neither origin, so Next.js never turns our redirects
  // between the two origins into relative ones.
  const internalPort = await freeLoopbackPort();
  const frontToken = randomBytes(24).toString("base64url");
  // server/http-guard.mjs answers 405 to TRACE/TRACK before Next.js (which would answer 500).
  const guard = pathToFileURL(path.resolve("server/http-guard.mjs")).href;
  const child = spawn(
    process.execPath,
    ["--import", guard, nextBin, mode, "-p", String(internalPort), "-H", "127.0.0.1"],
    {
      stdio: "inherit",
      env: {
        ...process.env,
        DATABASE_URL: booted.databaseUrl,
        NEXTAUTH_URL: url,
        NEXTAUTH_SECRET: secret,
        APP_URL: origins.staff,
        PUBLIC_URL: origins.public,
        JUNCTION_FRONT_TOKEN: frontToken,
      },
    },
  );
  const front = await startFront({ port: env.PORT, upstreamPort: internalPort, token: frontToken });
  log(`Database ready in ${((Date.now() - started) / 1000).toFixed(1)} s; starting Next.js (${mode})`);
  log(`Staff sign in at ${origins.staff}; patients and visitors use ${origins.public}`);
  log(`Demo sign-in (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => `${u.email} (${u.role})`).join(", ")}`);
  // The background worker runs here, beside Next.js, in development (and with JUNCTION_INLINE_WORKER=1).
  let worker: Worker | null = null;
  if (mode === "dev" || env.JUNCTION_INLINE_WORKER === "1") {
    provideAuthSecret(secret);
    worker = await startWorker({ databaseUrl: booted.databaseUrl, log: workerLog });
    log("Worker started (reminders and emails); stop with Ctrl-C.");
  }
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    front.close();
    await worker?.stop().catch((e: unknown) => workerLog(`stop: ${(e as Error).message}`));
    await booted.server.stop().catch(() => {});
    process.exit(code);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => child.kill(signal));
  }
  child.on("exit", (code) => void stop(code ?? 0));
}

/** npm run worker: the background worker on its own, until SIGINT/SIGTERM (then a graceful stop). */
async function runWorker() {
  configuredOrigins(); // the links it emails need both origins: a wrong configuration stops here
  const booted = await bootDatabase({ seed: false, log });
  if (!env.NEXTAUTH_SECRET) provideAuthSecret(persistentSecret());
  const worker = await startWorker({ databaseUrl: booted.databaseUrl, log: workerLog });
  log(`Worker started in ${((Date.now() - started) / 1000).toFixed(1)} s; stop with SIGTERM or Ctrl-C.`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing the jobs in hand (up to 20 s) …`);
    await worker.stop({ timeoutMs: 20_000 }).catch((e: unknown) => workerLog(`stop: ${(e as Error).message}`));
    await booted.server.stop().catch(() => {});
    log("Worker stopped.");
    process.exit(0);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop(signal));
}

async function main() {
  switch (command) {
    case "dev":
    case "start":
      return runNext(command);
    case "worker":
      return runWorker();
    case "migrate": {
      const booted = await bootDatabase({ seed: false, log });
      log("Migrations applied.");
      return booted.server.stop();
    }
    case "seed": {
      const booted = await bootDatabase({ seed: true, log });
      return booted.server.stop();
    }
    default:
      console.error("Usage: tsx server/cli.ts dev|start|worker|migrate|seed");
      process.exit(2);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

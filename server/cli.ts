// npm run dev | npm start | npm run worker | npm run db:migrate | npm run db:seed
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { DEMO_PASSWORD, DEMO_USERS } from "@/db/seed/demo";
import { bootDatabase } from "./boot";
import { configuredOrigins, env, provideAuthSecret } from "./env";
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

/**
 * With both origins on this machine (the default: localhost and 127.0.0.1), Next.js must not know
 * itself as "localhost": it would rewrite our redirect from 127.0.0.1 to localhost into a relative
 * one (a loop). Listening on 0.0.0.0 by name (every IPv4 interface; localhost reaches it over 127.0.0.1) avoids that.
 */
function loopbackHostArgs(origins: { staff: string; public: string }): string[] {
  const local = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;
  const hosts = [origins.staff, origins.public].map((u) => new URL(u).hostname);
  return hosts.some((h) => local.test(h)) ? ["-H", "0.0.0.0"] : [];
}

async function runNext(mode: "dev" | "start") {
  // Two origins (README, "Two origins"): a wrong configuration stops here, before anything starts.
  const origins = configuredOrigins();
  const booted = await bootDatabase({ seed: mode === "dev" || env.JUNCTION_SEED_DEMO === "1", log });
  const port = String(env.PORT);
  const url = env.NEXTAUTH_URL ?? origins.staff;
  const secret = persistentSecret();
  const nextBin = path.resolve("node_modules/next/dist/bin/next");
  // server/http-guard.mjs answers 405 to TRACE/TRACK before Next.js (which would answer 500).
  const guard = pathToFileURL(path.resolve("server/http-guard.mjs")).href;
  const child = spawn(process.execPath, ["--import", guard, nextBin, mode, "-p", port, ...loopbackHostArgs(origins)], {
    stdio: "inherit",
    env: {
      ...process.env,
      DATABASE_URL: booted.databaseUrl,
      NEXTAUTH_URL: url,
      NEXTAUTH_SECRET: secret,
      APP_URL: origins.staff,
      PUBLIC_URL: origins.public,
    },
  });
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

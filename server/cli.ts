// npm run dev | npm start | npm run db:migrate | npm run db:seed
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEMO_PASSWORD, DEMO_USERS } from "@/db/seed/demo";
import { bootDatabase } from "./boot";
import { env } from "./env";

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

async function runNext(mode: "dev" | "start") {
  const booted = await bootDatabase({ seed: mode === "dev" || env.JUNCTION_SEED_DEMO === "1", log });
  const port = String(env.PORT);
  const url = env.NEXTAUTH_URL ?? `http://localhost:${port}`;
  const nextBin = path.resolve("node_modules/next/dist/bin/next");
  const child = spawn(process.execPath, [nextBin, mode, "-p", port], {
    stdio: "inherit",
    env: {
      ...process.env,
      DATABASE_URL: booted.databaseUrl,
      NEXTAUTH_URL: url,
      NEXTAUTH_SECRET: persistentSecret(),
    },
  });
  log(`Database ready in ${((Date.now() - started) / 1000).toFixed(1)} s; starting Next.js (${mode}) on ${url}`);
  log(`Demo sign-in (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => `${u.email} (${u.role})`).join(", ")}`);
  const stop = async (code: number) => {
    await booted.server.stop().catch(() => {});
    process.exit(code);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => child.kill(signal));
  }
  child.on("exit", (code) => void stop(code ?? 0));
}

async function main() {
  switch (command) {
    case "dev":
    case "start":
      return runNext(command);
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
      console.error("Usage: tsx server/cli.ts dev|start|migrate|seed");
      process.exit(2);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

// The only reader of process.env: configuration is validated once, here.
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  JUNCTION_DATA_DIR: z.string().default(".data/postgres"),
  /** Database to use (created when missing) on the embedded server, or on DATABASE_URL's server. */
  JUNCTION_DB_NAME: z
    .string()
    .regex(/^[a-z0-9_]+$/)
    .optional(),
  /** "1": drop and recreate that database at start (browser tests start from a clean slate). */
  JUNCTION_RESET_DB: z.enum(["0", "1"]).default("0"),
  /** "1": seed the demo clinic on `npm start` too (`npm run dev` always does). */
  JUNCTION_SEED_DEMO: z.enum(["0", "1"]).default("0"),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  APP_URL: z.string().url().optional(),
  RESEND_API_KEY: z.string().min(1).optional(),
  EMAIL_FROM: z.string().default("Junction <no-reply@junction.local>"),
  /** Billing (server/billing/): off unless both keys are set; then both price ids are required too. */
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
  STRIPE_PRICE_SOLO: z.string().min(1).optional(),
  STRIPE_PRICE_CLINIC: z.string().min(1).optional(),
  /** Days a past-due clinic keeps writing before it is treated as unpaid. */
  BILLING_GRACE_DAYS: z.coerce.number().int().min(0).max(60).default(7),
  /** Where the Stripe SDK sends requests: tests point it at tests/fixtures/stripe-double.ts. */
  STRIPE_API_HOST: z.string().min(1).optional(),
  STRIPE_API_PORT: z.coerce.number().int().positive().optional(),
  STRIPE_API_PROTOCOL: z.enum(["http", "https"]).optional(),
  PORT: z.coerce.number().int().positive().default(3000),
  /** "1": the jobs clock may be moved (POST /api/dev/clock) in a production build too — browser tests only. */
  JUNCTION_TEST_CLOCK: z.enum(["0", "1"]).default("0"),
  /** "1": `npm start` runs the background worker in its own process too (`npm run dev` always does). */
  JUNCTION_INLINE_WORKER: z.enum(["0", "1"]).default("0"),
});

export type Env = z.infer<typeof schema>;

function load(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export const env: Env = load();

let providedSecret: string | null = null;

/**
 * The CLI generates a persistent development secret when NEXTAUTH_SECRET is unset and gives it to
 * Next.js; the worker running in the CLI process gets the same one here, so the links it signs open.
 */
export function provideAuthSecret(secret: string): void {
  providedSecret = secret;
}

/** The secret used for sessions and for signing patient links. */
export function authSecret(): string {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  if (providedSecret) return providedSecret;
  if (env.NODE_ENV === "production") throw new Error("NEXTAUTH_SECRET must be set in production");
  return "junction-development-secret-not-for-production";
}

/** Whether the jobs clock may be moved from real time (development, tests, or JUNCTION_TEST_CLOCK=1). */
export function adjustableClock(): boolean {
  return env.NODE_ENV !== "production" || env.JUNCTION_TEST_CLOCK === "1";
}

export function appUrl(): string {
  return env.APP_URL ?? env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
}

export function requireDatabaseUrl(): string {
  if (!env.DATABASE_URL) {
    throw new Error("DATABASE_URL is not set: start the app with `npm run dev` or `npm start`, which provide it");
  }
  return env.DATABASE_URL;
}

// The only reader of process.env: configuration is validated once, here.
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  /**
   * The password of junction_app, the role the app's requests log in as. Optional: by default one
   * is derived from DATABASE_URL's password and set at start-up (db/migrate.ts).
   */
  APP_DATABASE_PASSWORD: z.string().min(1).optional(),
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
  /** The staff origin: sign-in, /c/*, staff APIs and the session cookie (default http://localhost:PORT). */
  APP_URL: z.string().url().optional(),
  /**
   * The public origin: what patients and visitors open (booking, manage links, /p, /q, unsubscribe,
   * clinics' cookie policies), where clinic tags may run. Must be another host than APP_URL's.
   * Default: APP_URL with localhost → 127.0.0.1 (cookies are per host).
   */
  PUBLIC_URL: z.string().url().optional(),
  RESEND_API_KEY: z.string().min(1).optional(),
  EMAIL_FROM: z.string().default("Junction <no-reply@junction.local>"),
  /** Billing (server/billing/): off unless both keys are set; then both price ids are required too. */
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
  /** The signing secret of the Connect endpoint (events from clinics' accounts), when it differs from the one above. */
  STRIPE_CONNECT_WEBHOOK_SECRET: z.string().min(1).optional(),
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
  /**
   * Proxies in front of Junction that append the client's address to X-Forwarded-For (a load balancer, a CDN).
   * 0 (default): the client is the TCP peer and X-Forwarded-For is ignored. n: the n-th entry from the right.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  /** Set by `npm start`/`npm run dev` for the Next.js process: proves the socket-address header came from the CLI's front. */
  JUNCTION_FRONT_TOKEN: z.string().min(16).optional(),
  /** Abuse limits (README "Abuse limits"). Failed sign-ins from one IP before it is refused, per window. */
  LIMIT_SIGNIN_IP_FAILURES: z.coerce.number().int().positive().default(20),
  LIMIT_SIGNIN_IP_WINDOW_MINUTES: z.coerce.number().int().positive().default(60),
  /** Consecutive failures on one account that cost nothing; each one after doubles the wait (1, 2, 4 … s). */
  LIMIT_SIGNIN_FREE_FAILURES: z.coerce.number().int().min(0).default(2),
  LIMIT_SIGNIN_MAX_DELAY_SECONDS: z.coerce.number().int().positive().default(300),
  /** Online bookings per client IP per hour (all clinics), per clinic per hour, per email address per day. */
  LIMIT_BOOKING_PER_IP_HOUR: z.coerce.number().int().positive().default(10),
  LIMIT_BOOKING_PER_CLINIC_HOUR: z.coerce.number().int().positive().default(100),
  LIMIT_BOOKING_PER_EMAIL_DAY: z.coerce.number().int().positive().default(5),
  /** Cookie decisions recorded per client IP per 10 minutes. */
  LIMIT_CONSENT_PER_IP: z.coerce.number().int().positive().default(30),
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

/** The staff origin (no trailing slash): links in staff emails (sign-in, invitations). */
export function appUrl(): string {
  return new URL(env.APP_URL ?? env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`).origin;
}

/** The public origin (no trailing slash): every link a patient or visitor gets. */
export function publicUrl(): string {
  if (env.PUBLIC_URL) return new URL(env.PUBLIC_URL).origin;
  const staff = new URL(appUrl());
  if (staff.hostname !== "localhost") {
    throw new Error("PUBLIC_URL must be set when APP_URL is not on localhost (see README, Two origins)");
  }
  staff.hostname = "127.0.0.1";
  return staff.origin;
}

/** Both origins, checked to be on different hosts (a session cookie is per host). */
export function configuredOrigins(): { staff: string; public: string } {
  const origins = { staff: appUrl(), public: publicUrl() };
  if (new URL(origins.staff).host === new URL(origins.public).host) {
    throw new Error("APP_URL and PUBLIC_URL must be on different hosts (see README, Two origins)");
  }
  return origins;
}

export function requireDatabaseUrl(): string {
  if (!env.DATABASE_URL) {
    throw new Error("DATABASE_URL is not set: start the app with `npm run dev` or `npm start`, which provide it");
  }
  return env.DATABASE_URL;
}

// Pages staff and patients open all day (npm run bench, part "pages"; issue 17, G8 and G10): the
// public booking page, the staff calendar's day view of a 10-clinician clinic, the patient list of
// a 20,000-patient clinic and the patient's plan page, each a full HTTP response (body read to the
// end) from the production build behind the CLI's front proxy, at 1 and 8 concurrent clients.
// Staff pages carry a real session cookie (signed in over HTTP). Prints p50/p95 and the goals.
import os from "node:os";
import { createAdminPool } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { dropDatabase, ensureDatabaseExists } from "@/db/postgres";
import superjson from "superjson";
import { createPatientLinkToken } from "@/server/auth/patient-links";
import { wallMinutesToUtc } from "@/server/scheduling/zoned-time";
import { figures, runLoad, type Figures } from "../load";
import { ensureBuild, signIn, startAppServer } from "./app-server";
import { CLINICIANS, OWNER, PATIENTS, SLUG, seedPages, TZ } from "./seed";

/** p95 at 8 clients, ms (issue 17: G8 booking page, G10 calendar day view). */
const GOALS = { booking: 200, calendar: 150 };
const CLIENTS = [1, 8] as const;
const RUN = { warm: 8, ops: 400, ms: 8_000 };

type Page = {
  key: keyof typeof GOALS | "patients" | "plan" | "floor" | "calendar-data" | "patients-data" | "plan-data";
  name: string;
  url: string;
  cookie?: string;
  expect: string;
  /** The page's first data after first paint, as its client asks (one batched tRPC POST), timed with it. */
  data?: { procedures: string[]; inputs: unknown[]; clinicSlug?: string };
};
export type PageFigures = { page: Page; clients: number; figures: Figures; statuses: string };

const log = (m: string) => console.log(m);
const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "–");

/** One page request, body read to the end; the label is the status (and a redirect's target). */
async function open(page: Page): Promise<string> {
  const res = await fetch(page.url, {
    headers: page.cookie ? { cookie: page.cookie } : {},
    redirect: "manual",
    signal: AbortSignal.timeout(30_000),
  });
  await res.arrayBuffer();
  const label =
    res.status >= 300 && res.status < 400 ? `${res.status} → ${res.headers.get("location")}` : String(res.status);
  return page.data ? `${label} + data ${await fetchData(page)}` : label;
}

/** The batched tRPC request the page's client sends after first paint (POST: methodOverride, as app/_lib/trpc.tsx). */
async function fetchData(page: Page): Promise<string> {
  const { procedures, inputs, clinicSlug } = page.data!;
  const origin = new URL(page.url).origin;
  const body = Object.fromEntries(inputs.map((input, i) => [String(i), superjson.serialize(input)]));
  const res = await fetch(`${origin}/api/trpc/${procedures.join(",")}?batch=1`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      origin,
      "sec-fetch-site": "same-origin",
      ...(page.cookie ? { cookie: page.cookie } : {}),
      ...(clinicSlug ? { "x-clinic-slug": clinicSlug } : {}),
    },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  return res.ok && !text.includes('"error"') ? String(res.status) : `${res.status} ${text.slice(0, 80)}`;
}

/** Refuses to time a page that does not render what it should (a sign-in redirect, a 404 …). */
async function check(page: Page): Promise<string> {
  const res = await fetch(page.url, { headers: page.cookie ? { cookie: page.cookie } : {}, redirect: "manual" });
  const body = await res.text();
  const data = page.data ? await fetchData(page) : null;
  if (res.status !== 200 || !body.includes(page.expect))
    throw new Error(
      `${page.name}: HTTP ${res.status}${body.includes(page.expect) ? "" : `, no "${page.expect}"`} at ${page.url}`,
    );
  return `${page.name}: HTTP 200, ${(body.length / 1024).toFixed(0)} KiB of HTML${data ? `; data ${page.data!.procedures.join(", ")} → ${data === "200" ? "HTTP 200" : `FAILED ${data}`}` : ""}`;
}

async function measure(page: Page, clients: number): Promise<PageFigures> {
  const op = () => open(page);
  await runLoad({ clients, maxOps: RUN.warm, maxMs: 10_000, op });
  const run = await runLoad({ clients, maxOps: RUN.ops, maxMs: RUN.ms, op });
  const statuses = [...run.outcomes.entries()].map(([k, v]) => `${k}×${v}`).join(", ");
  return { page, clients, figures: figures(run), statuses };
}

/** Runs on its own scratch database on the server at `serverUrl`, dropped at the end; answers the goal lines. */
export async function benchPages(serverUrl: string): Promise<string[]> {
  ensureBuild(log);
  const name = `junction_bench_pages_${process.pid}`;
  const url = await ensureDatabaseExists(serverUrl, name, { recreate: true });
  const admin = createAdminPool(url, 2);
  let stopApp: (() => Promise<void>) | null = null;
  try {
    await migrateDatabase(url);
    log(
      `Seeding pages: one clinic, ${CLINICIANS} clinicians, ${PATIENTS.toLocaleString("en-US")} patients, four weeks of appointments …`,
    );
    const world = await seedPages(admin);
    log("Starting the production server (server/cli.ts start, front proxy) …");
    const app = await startAppServer(serverUrl, name);
    stopApp = app.stop;
    const cookie = await signIn(app.staffUrl, OWNER.email, OWNER.password);
    const token = createPatientLinkToken(
      { clinicId: world.clinicId, patientId: world.patientId, purpose: "plan", ttlSeconds: 86_400 },
      { secret: app.secret },
    );
    const dayFrom = new Date(wallMinutesToUtc(world.day, 0, TZ));
    const nextDay = new Date(Date.parse(`${world.day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const dayTo = new Date(wallMinutesToUtc(nextDay, 0, TZ));
    const calendarPage = (name: string): Omit<Page, "key"> => ({
      name,
      url: `${app.staffUrl}/c/${SLUG}/calendar?view=day&date=${world.day}`,
      cookie,
      expect: "Pages Bench Physio",
    });
    const withData: Page[] = [
      {
        ...calendarPage("  ↳ calendar + its data (scheduling.calendar, clinic.get)"),
        key: "calendar-data",
        data: {
          procedures: ["scheduling.calendar", "clinic.get"],
          inputs: [{ from: dayFrom, to: dayTo }, undefined],
          clinicSlug: SLUG,
        },
      },
      {
        key: "patients-data",
        name: "  ↳ patient list + its first page (patients.list)",
        url: `${app.staffUrl}/c/${SLUG}/patients`,
        cookie,
        expect: "Pages Bench Physio",
        data: { procedures: ["patients.list"], inputs: [{ limit: 25, offset: 0 }], clinicSlug: SLUG },
      },
      {
        key: "plan-data",
        name: "  ↳ plan page + its data (plan.today)",
        url: `${app.publicUrl}/p/${token}`,
        expect: "Your exercise plan",
        data: { procedures: ["plan.today"], inputs: [{ token }] },
      },
    ];
    const pages: Page[] = [
      {
        key: "booking",
        name: "public booking page",
        url: `${app.publicUrl}/book/${SLUG}`,
        expect: "Pages Bench Physio",
      },
      {
        key: "calendar",
        name: `calendar day view, ${CLINICIANS} clinicians`,
        url: `${app.staffUrl}/c/${SLUG}/calendar?view=day&date=${world.day}`,
        cookie,
        expect: "Pages Bench Physio",
      },
      {
        key: "patients",
        name: `patient list, ${PATIENTS.toLocaleString("en-US")} patients`,
        url: `${app.staffUrl}/c/${SLUG}/patients`,
        cookie,
        expect: "Pages Bench Physio",
      },
      { key: "plan", name: "patient's plan page", url: `${app.publicUrl}/p/${token}`, expect: "Your exercise plan" },
      ...withData,
      // What any request costs on this server and machine now: the front, Next.js routing, one SELECT.
      { key: "floor", name: "floor: GET /api/health (no page)", url: `${app.staffUrl}/api/health`, expect: '"ok"' },
    ];
    const checks: string[] = [];
    for (const page of pages) checks.push(await check(page));
    const loadStart = os.loadavg()[0]!;
    const results: PageFigures[] = [];
    for (const page of pages) for (const clients of CLIENTS) results.push(await measure(page, clients));

    console.log(
      `\nPages — production build via the front proxy; full responses, body read. Calendar day ${world.day} holds ${world.appointmentsThatDay} appointments.`,
    );
    console.log(
      `Load average while measuring: ${loadStart.toFixed(2)} → ${os.loadavg()[0]!.toFixed(2)} on ${os.availableParallelism()} CPUs (other work on the machine skews every figure).`,
    );
    for (const c of checks) console.log(`Check: ${c}`);
    const goalOf = (r: PageFigures) => (r.page.key in GOALS ? GOALS[r.page.key as keyof typeof GOALS] : null);
    console.table(
      results.map((r) => {
        const goal = r.clients === 8 ? goalOf(r) : null;
        return {
          page: r.page.name,
          clients: r.clients,
          ops: r.figures.ops,
          "rate/s": r.figures.rate.toFixed(1),
          "p50 ms": ms(r.figures.p50),
          "p95 ms": ms(r.figures.p95),
          "p99 ms": ms(r.figures.p99),
          goal: goal ? `p95 ≤ ${goal}` : "–",
          "met?": goal ? (r.figures.p95 <= goal ? "yes" : "NO") : "–",
          statuses: r.statuses,
        };
      }),
    );
    const lines = results
      .filter((r) => r.clients === 8 && !r.page.data && r.page.key !== "floor")
      .map((r) => {
        const goal = goalOf(r);
        const at1 = results.find((x) => x.page === r.page && x.clients === 1)!;
        const figuresText = `p95 ${ms(r.figures.p95)} ms at 8 clients (p50 ${ms(r.figures.p50)}; 1 client: p50 ${ms(at1.figures.p50)}, p95 ${ms(at1.figures.p95)})`;
        return goal
          ? `${r.page.name}: ${figuresText}, goal ≤ ${goal} ms (p95 = ${(r.figures.p95 / goal).toFixed(2)}× the goal) → ${r.figures.p95 <= goal ? "met" : "MISSED"}`
          : `${r.page.name}: ${figuresText} (reported, no goal)`;
      });
    const floor = results.find((r) => r.page.key === "floor" && r.clients === 8)!;
    lines.push(
      `(for scale: GET /api/health on the same server, no page, p95 ${ms(floor.figures.p95)} ms at 8 clients, p50 ${ms(floor.figures.p50)})`,
    );
    for (const line of lines) console.log(line);
    return lines;
  } finally {
    await stopApp?.();
    await admin.end();
    await dropDatabase(serverUrl, name);
  }
}

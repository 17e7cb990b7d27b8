// Abuse limits that hold whatever a client claims: through the real front (server/front.ts) a spoofed
// X-Forwarded-For or socket header cannot move a client to a fresh counter; public booking is limited
// per IP, per email address and per clinic, and a refused booking writes nothing.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from "vitest";
import { POST } from "@/app/api/consent/route";
import { appDb } from "@/db/client";
import { appointments, appointmentTypes, consentRecords } from "@/db/schema";
import { SOCKET_HEADER } from "@/server/client-ip";
import { env, type Env } from "@/server/env";
import { startFront } from "@/server/front";
import { createCaller } from "@/server/root";
import { runStarts } from "@/server/scheduling/availability";
import { refusal, shownMessage } from "../fixtures/callers";
import { seedClinic, type SeededClinic } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";

const DAY = 86_400_000;
let a: SeededClinic;
let followUp: string;

beforeAll(async () => {
  a = await seedClinic();
  followUp = await followUpOf(a);
});

async function followUpOf(clinic: SeededClinic) {
  const rows = await adminDb().select().from(appointmentTypes).where(eq(appointmentTypes.clinicId, clinic.id));
  return rows.find((t) => t.name === "Follow-up")!.id;
}

/** Lowers a limit for one test (same rule, fewer requests to reach it). */
function setting<K extends keyof Env>(name: K, value: Env[K]) {
  const before = env[name];
  env[name] = value;
  onTestFinished(() => {
    env[name] = before;
  });
}

describe("through the front, a client cannot choose its own address", () => {
  const TOKEN = "abuse-limits-test-front-token";
  let front: http.Server;
  let upstream: http.Server;

  beforeAll(async () => {
    env.JUNCTION_FRONT_TOKEN = TOKEN;
    // Stands in for Next.js: hands each request to the consent route handler as a Fetch Request.
    upstream = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
        void POST(
          new Request(`http://${req.headers.host}${req.url}`, { method: "POST", headers, body: Buffer.concat(chunks) }),
        ).then(async (answer) => {
          res.writeHead(answer.status, Object.fromEntries(answer.headers));
          res.end(Buffer.from(await answer.arrayBuffer()));
        });
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    const upstreamPort = (upstream.address() as AddressInfo).port;
    front = await startFront({ port: 0, hostname: "127.0.0.1", upstreamPort, token: TOKEN });
  });
  afterAll(async () => {
    await new Promise((resolve) => front.close(resolve));
    await new Promise((resolve) => upstream.close(resolve));
  });

  function postConsent(spoof: Record<string, string>): Promise<{ status: number; retryAfter?: string }> {
    const body = JSON.stringify({
      clinic: a.slug,
      consentId: crypto.randomUUID(),
      accepted: ["necessary"],
      policyVersion: 1,
      language: "en",
      source: "banner",
      gpc: false,
    });
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port: (front.address() as AddressInfo).port,
          path: "/api/consent",
          method: "POST",
          headers: { "content-type": "application/json", "sec-fetch-site": "same-origin", ...spoof },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers["retry-after"] }));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  test("a new X-Forwarded-For (or a forged socket header) on every request does not reset the limit", async () => {
    setting("LIMIT_CONSENT_PER_IP", 3);
    const statuses: number[] = [];
    for (let i = 1; i <= 4; i++) {
      const answer = await postConsent({
        "x-forwarded-for": `1.2.3.${i}`,
        "x-real-ip": `5.6.7.${i}`,
        [SOCKET_HEADER]: `forged-token 9.9.9.${i}`,
      });
      statuses.push(answer.status);
      if (i === 4) expect(Number(answer.retryAfter)).toBeGreaterThan(500);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    // The proof rows name the real network (the socket's), never the claimed one.
    const rows = await adminDb().select().from(consentRecords).where(eq(consentRecords.clinicId, a.id));
    expect(new Set(rows.map((r) => r.ipTruncated))).toEqual(new Set(["127.0.0.0"]));
  });
});

describe("public booking limits", () => {
  const publicApi = (ip: string | null) =>
    createCaller({ db: appDb(), user: null, clinicSlug: null, ip, origin: "public" }).booking;
  let seq = 0;
  const person = (email = `visitor-${++seq}@example.com`) => ({
    firstName: "Sam",
    lastName: `Visitor${seq}`,
    email,
    phone: "(541) 555-0100",
  });

  async function freeSlot(clinic: SeededClinic, typeId: string) {
    const from = new Date(Date.now() + 2 * DAY);
    const slots = await publicApi(null).slots({
      slug: clinic.slug,
      typeId,
      from,
      to: new Date(from.getTime() + 10 * DAY),
    });
    const start = slots.flatMap((s) => runStarts(s.runs, s.stepMinutes))[0];
    expect(start, "a free time in the next ten days").toBeDefined();
    return start!;
  }

  const book = async (ip: string | null, who = person(), clinic = a, typeId = followUp) =>
    publicApi(ip).book({
      slug: clinic.slug,
      typeId,
      clinicianId: "any",
      startsAt: await freeSlot(clinic, typeId),
      ...who,
    });

  const appointmentCount = async (clinicId: string) =>
    (await adminDb().select().from(appointments).where(eq(appointments.clinicId, clinicId))).length;

  const REFUSED = `Too many bookings from here — please try again in 60 minutes, or call the clinic.`;

  test("per IP per hour: the next booking from that address is refused and writes nothing; others book", async () => {
    setting("LIMIT_BOOKING_PER_IP_HOUR", 3);
    for (let i = 0; i < 3; i++) await book("198.51.100.10");
    const before = await appointmentCount(a.id);
    const error = await refusal(book("198.51.100.10"));
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(shownMessage(error)).toBe(REFUSED);
    expect(await appointmentCount(a.id)).toBe(before);
    await expect(book("198.51.100.11")).resolves.toMatchObject({ typeName: "Follow-up" });
  });

  test("per email address: a third booking for one address is refused from any IP, in any case", async () => {
    setting("LIMIT_BOOKING_PER_EMAIL_DAY", 2);
    const email = "same.person@example.com";
    await book("198.51.100.20", person(email));
    await book("198.51.100.21", person(email));
    const error = await refusal(book("198.51.100.22", person(email.toUpperCase())));
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(shownMessage(error)).toMatch(/^Too many bookings from here — please try again in \d+ minutes/);
    await expect(book("198.51.100.22")).resolves.toBeDefined();
  });

  test("per clinic per hour: a flood from many addresses stops at the clinic's limit; other clinics book", async () => {
    const [c, other] = [await seedClinic(), await seedClinic()];
    const cType = await followUpOf(c);
    setting("LIMIT_BOOKING_PER_CLINIC_HOUR", 3);
    for (let i = 0; i < 3; i++) await book(`203.0.113.${100 + i}`, person(), c, cType);
    const error = await refusal(book("203.0.113.200", person(), c, cType));
    expect(shownMessage(error)).toBe(REFUSED);
    expect(await appointmentCount(c.id)).toBe(3);
    await expect(book("203.0.113.201", person(), other, await followUpOf(other))).resolves.toBeDefined();
  });

  test("one address over its limit does not use up the clinic's hourly bookings: everyone else still books", async () => {
    const c = await seedClinic();
    const cType = await followUpOf(c);
    setting("LIMIT_BOOKING_PER_IP_HOUR", 1);
    setting("LIMIT_BOOKING_PER_CLINIC_HOUR", 3);
    await book("203.0.113.50", person(), c, cType);
    // refused for the address, again and again: the clinic's count stays at the one booking
    for (let i = 0; i < 5; i++)
      expect((await refusal(book("203.0.113.50", person(), c, cType))).code).toBe("TOO_MANY_REQUESTS");
    await book("203.0.113.51", person(), c, cType);
    await book("203.0.113.52", person(), c, cType);
    expect(await appointmentCount(c.id)).toBe(3);
    expect(shownMessage(await refusal(book("203.0.113.53", person(), c, cType)))).toBe(REFUSED);
  });
});

// Two origins (README, "Two origins"): staff work on localhost, patients and visitors on 127.0.0.1.
// The attack this prevents: a clinic's tag on its booking page reading another clinic's patients
// through the session of a staff member who opens that page in the same browser.
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { createPatientLinkToken } from "@/server/auth/patient-links";
import { clinicHome, demoClinic, e2eDatabaseUrl, signInAs } from "@/tests/fixtures/e2e";
import { E2E_BASE_URL, E2E_PUBLIC_URL } from "@/tests/fixtures/e2e-server";
import { banner, createClinic, decide, secretOfE2eServer, TAG_ORIGIN } from "../consent/consent-fixtures";

type Attempt = { status?: number; body?: string; error?: string };

/** A tag that tries to read the demo clinic's data every way a script on the booking page could. */
function stealingTag(victimSlug: string): string {
  const input = (json: unknown) => encodeURIComponent(JSON.stringify({ json }));
  const targets: Record<string, string> = {
    meClinics: `/api/trpc/me.clinics?input=${input(null)}`,
    patients: `/api/trpc/patients.list?input=${input({})}`,
    staffMeClinics: `${E2E_BASE_URL}/api/trpc/me.clinics?input=${input(null)}`,
    staffPatients: `${E2E_BASE_URL}/api/trpc/patients.list?input=${input({})}`,
    staffSession: `${E2E_BASE_URL}/api/auth/session`,
    session: `/api/auth/session`,
  };
  return `
    (async function () {
      var targets = ${JSON.stringify(targets)};
      var out = {};
      for (var name in targets) {
        var headers = name.indexOf("atients") >= 0 ? { "x-clinic-slug": ${JSON.stringify(victimSlug)} } : {};
        try {
          var response = await fetch(targets[name], { credentials: "include", headers: headers });
          out[name] = { status: response.status, body: await response.text() };
        } catch (e) {
          out[name] = { error: String(e) };
        }
      }
      window.__stolen = out;
    })();
  `;
}

async function demoAppointment(): Promise<{ clinicId: string; patientId: string; id: string }> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ clinicId: string; patientId: string; id: string }>(
      `SELECT a.clinic_id AS "clinicId", a.patient_id AS "patientId", a.id
         FROM appointments a JOIN clinics c ON c.id = a.clinic_id
        WHERE c.slug = $1 ORDER BY a.starts_at DESC LIMIT 1`,
      [demoClinic.slug],
    );
    return rows[0]!;
  } finally {
    await client.end();
  }
}

const stolen = (page: Page) =>
  page.evaluate(() => (window as unknown as { __stolen?: Record<string, Attempt> }).__stolen ?? null);

test("a clinic's tag on its booking page gets nothing of another clinic's patients from a signed-in owner's browser", async ({
  page,
}) => {
  const attacker = await createClinic({
    name: "Clinic B",
    tags: { marketing: { provider: "B's pixel", inlineScript: stealingTag(demoClinic.slug), cookies: [] } },
  });
  // The demo clinic's owner is signed in on the staff origin, and can read the patients there.
  await signInAs(page, "owner");
  const own = await page.request.get(`/api/trpc/patients.list?input=${encodeURIComponent('{"json":{}}')}`, {
    headers: { "x-clinic-slug": demoClinic.slug },
  });
  expect(await own.text()).toContain("Reyes");

  // In the same browser, the owner opens clinic B's booking page, at the staff address first: it
  // moves to the public origin, where the staff session does not exist.
  await page.goto(`${E2E_BASE_URL}/book/${attacker.slug}`);
  expect(new URL(page.url()).origin).toBe(E2E_PUBLIC_URL);
  await decide(page, () => banner(page).getByRole("button", { name: "Accept all" }).click());
  await expect.poll(() => stolen(page)).not.toBeNull();
  const results = (await stolen(page))!;

  expect(Object.keys(results).sort()).toEqual(
    ["meClinics", "patients", "session", "staffMeClinics", "staffPatients", "staffSession"].sort(),
  );
  for (const [name, attempt] of Object.entries(results)) {
    expect(attempt.body ?? "", name).not.toContain("Reyes");
    expect(attempt.body ?? "", name).not.toContain(demoClinic.slug);
    expect(attempt.body ?? "", name).not.toContain("@");
  }
  // On the public origin the staff API answers 404; the staff origin is out of the page's reach.
  expect(results.meClinics!.status).toBe(404);
  expect(results.patients!.status).toBe(404);
  expect(results.session!.status).toBe(404);
  for (const name of ["staffMeClinics", "staffPatients", "staffSession"]) {
    expect(results[name], name).toEqual({ error: expect.stringMatching(/Failed to fetch/) });
  }
  // And the owner is still signed in on the staff origin.
  await page.goto(clinicHome);
  await expect(page.getByTestId("role-badge")).toBeVisible();
});

test("a booking page lets consented tags reach only the hosts they declared", async ({ page }) => {
  const tagScript = `
    window.__reached = {};
    var tries = { declared: "${TAG_ORIGIN}/collect", extra: "https://extra.example.test/e", undeclared: "https://undeclared.example.test/x" };
    Object.keys(tries).forEach(function (name) {
      fetch(tries[name], { method: "POST", body: "hit", mode: "no-cors" }).then(
        function () { window.__reached[name] = "sent"; },
        function () { window.__reached[name] = "refused"; }
      );
    });
    new Image().src = "https://undeclared.example.test/pixel.gif";
  `;
  const clinic = await createClinic({
    tags: {
      analytics: {
        provider: "Test Analytics",
        scriptUrl: `${TAG_ORIGIN}/analytics.js`,
        inlineScript: tagScript,
        cookies: [],
        hosts: ["extra.example.test"],
      },
    },
  });
  const requested: string[] = [];
  await page.route(
    (url) => url.protocol === "https:",
    (route) => {
      requested.push(route.request().url());
      return route.fulfill({ status: 200, contentType: "application/javascript", body: "" });
    },
  );
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/.test(m.text())) violations.push(m.text());
  });

  const response = await page.goto(clinic.bookPath);
  expect(response?.status()).toBe(200);
  expect(response?.headers()["content-security-policy"]).toContain("default-src 'self'");
  // The page's own policy: the declared hosts and nothing else (a browser enforces both policies).
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  expect(policy).toMatch(/(^|; )connect-src 'self' https:\/\/extra\.example\.test https:\/\/tags\.example\.test(;|$)/);
  expect(policy).toMatch(
    /(^|; )img-src 'self' data: blob: https:\/\/extra\.example\.test https:\/\/tags\.example\.test(;|$)/,
  );
  expect(policy).not.toMatch(/https:(;| |$)/);

  await decide(page, () => banner(page).getByRole("button", { name: "Accept all" }).click());
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __reached?: object }).__reached))
    .toEqual({ declared: "sent", extra: "sent", undeclared: "refused" });
  expect(requested).toContain(`${TAG_ORIGIN}/collect`);
  expect(requested).toContain("https://extra.example.test/e");
  expect(requested.filter((u) => u.includes("undeclared.example.test"))).toEqual([]);
  expect(violations.join("\n")).toContain("undeclared.example.test");
});

test("a manage link opened under another clinic's address is not found", async ({ page }) => {
  const appointment = await demoAppointment();
  const token = createPatientLinkToken(
    { ...appointment, purpose: "appointment", ref: appointment.id, ttlSeconds: 3600 },
    { secret: secretOfE2eServer() },
  );
  const other = await createClinic({ name: "Another Clinic" });
  const wrong = await page.goto(`${E2E_PUBLIC_URL}/book/${other.slug}/manage/${token}`);
  expect(wrong?.status()).toBe(404);
  await expect(page.getByText(demoClinic.name)).toHaveCount(0);

  const right = await page.goto(`${E2E_PUBLIC_URL}/book/${demoClinic.slug}/manage/${token}`);
  expect(right?.status()).toBe(200);
  await expect(page.getByText(demoClinic.name).first()).toBeVisible();
});

test("each origin sends the other's pages across, and the public origin has no staff API", async ({ page }) => {
  await signInAs(page, "owner");
  await page.goto(`${E2E_PUBLIC_URL}${clinicHome}/patients`);
  expect(page.url()).toBe(`${E2E_BASE_URL}${clinicHome}/patients`);
  await expect(page.getByRole("link", { name: "Reyes, Jordan" })).toBeVisible();

  await page.goto(`${E2E_BASE_URL}/cookies/${demoClinic.slug}`);
  expect(page.url()).toBe(`${E2E_PUBLIC_URL}/cookies/${demoClinic.slug}`);

  expect((await page.request.get(`${E2E_PUBLIC_URL}/api/auth/session`)).status()).toBe(404);
  // A request to the staff API that says it comes from the public origin is refused, cookie or not.
  const forged = await page.request.get(
    `${E2E_BASE_URL}/api/trpc/me.clinics?input=${encodeURIComponent('{"json":null}')}`,
    {
      headers: { origin: E2E_PUBLIC_URL },
    },
  );
  expect(forged.status()).toBe(404);
  expect(await forged.text()).not.toContain(demoClinic.slug);
});

// Bad input over HTTP gets a 4xx, never a 500: broken percent-encoding in link paths, TRACE; and
// signed patient links travel in POST bodies, never in URLs, with answers nobody may cache.
import { expect, test } from "@playwright/test";
import { E2E_PUBLIC_URL } from "@/tests/fixtures/e2e-server";
import { clinicHome, demoClinic, signInAs } from "@/tests/fixtures/e2e";

const BROKEN_LINK_PATHS = [
  "/p/abc%zz",
  "/p/%E0%A4%A",
  "/q/abc%zz",
  `/book/${demoClinic.slug}/manage/abc%zz`,
  "/unsubscribe/abc%zz",
];

test("a link with broken percent-encoding is a 404, on every patient page and the one-click unsubscribe", async ({
  request,
}) => {
  for (const path of BROKEN_LINK_PATHS) {
    const response = await request.get(`${E2E_PUBLIC_URL}${path}`);
    expect(response.status(), path).toBe(404);
  }
  const unsubscribe = await request.post(`${E2E_PUBLIC_URL}/api/unsubscribe/abc%zz`);
  expect(unsubscribe.status()).toBe(404);
});

test("TRACE is refused with 405 on pages and the API; TRACK with a 4xx", async ({ request }) => {
  for (const path of ["/signin", "/api/trpc/booking.clinic", `/book/${demoClinic.slug}`, "/p/abc"]) {
    const trace = await request.fetch(`${E2E_PUBLIC_URL}${path}`, { method: "TRACE" });
    expect(trace.status(), `TRACE ${path}`).toBe(405);
    expect(trace.headers()["allow"]).not.toContain("TRACE");
    // Node's HTTP parser does not know TRACK and answers 400 itself.
    const track = await request.fetch(`${E2E_PUBLIC_URL}${path}`, { method: "TRACK" });
    expect(track.status(), `TRACK ${path}`).toBeGreaterThanOrEqual(400);
    expect(track.status(), `TRACK ${path}`).toBeLessThan(500);
  }
});

test("a patient's page sends its link by POST, answers are not cached, and a GET carrying the link is refused", async ({
  page,
  browser,
  request,
}) => {
  await signInAs(page, "clinician");
  await page.goto(`${clinicHome}/patients`);
  await page.getByRole("link", { name: "Reyes, Jordan" }).click();
  await page.getByRole("button", { name: "Create patient link" }).click();
  const url = new URL(await page.getByLabel(/Link for Jordan/).inputValue());
  const token = url.pathname.split("/").pop()!;

  const patient = await (await browser.newContext()).newPage();
  const calls: { method: string; url: string; cacheControl: string | undefined }[] = [];
  patient.on("response", (response) => {
    if (!response.url().includes("/api/trpc/")) return;
    calls.push({
      method: response.request().method(),
      url: response.url(),
      cacheControl: response.headers()["cache-control"],
    });
  });
  await patient.goto(`${E2E_PUBLIC_URL}${url.pathname}`);
  await expect(patient.getByRole("heading", { level: 1 })).toHaveText("Hi Jordan");
  expect(calls.length).toBeGreaterThan(0);
  for (const call of calls) {
    expect(call.method).toBe("POST");
    expect(call.url).not.toContain(token);
    expect(call.cacheControl).toBe("no-store");
  }

  // The same query as a GET with the link in its address, as the client sent it before.
  const input = encodeURIComponent(JSON.stringify({ 0: { json: { token } } }));
  const get = await request.get(`${E2E_PUBLIC_URL}/api/trpc/portal.overview?batch=1&input=${input}`);
  expect(get.status()).toBe(405);
  expect(await get.text()).not.toContain("Jordan");
});

test("staff pages and API answers about patients are not cached", async ({ page }) => {
  await signInAs(page, "front_desk");
  const list = page.waitForResponse((r) => r.url().includes("/api/trpc/") && r.url().includes("patients.list"));
  const pageResponse = await page.goto(`${clinicHome}/patients`);
  expect(pageResponse?.headers()["cache-control"]).toContain("no-store");
  const response = await list;
  expect(response.request().method()).toBe("POST");
  expect(response.headers()["cache-control"]).toBe("no-store");
});

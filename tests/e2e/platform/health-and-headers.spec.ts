import { expect, test } from "@playwright/test";

test("the health check reports the database up", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", database: "up" });
});

test("pages carry a nonce-based Content-Security-Policy that forbids framing", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/i.test(m.text())) violations.push(m.text());
  });

  const response = await page.goto("/signin");
  const csp = response?.headers()["content-security-policy"] ?? "";
  const nonce = csp.match(/'nonce-([A-Za-z0-9+/=]+)'/)?.[1];
  expect(nonce, csp).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response?.headers()["x-frame-options"]).toBe("DENY");

  // Next.js puts the request's nonce on its own scripts, and the page hydrates under the policy.
  const scriptNonces = await page.evaluate(() => [...document.scripts].map((s) => s.nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
  await page.getByLabel("Email").fill("someone@example.com");
  await expect(page.getByRole("button", { name: "Email me a sign-in link" })).toBeEnabled();
  expect(violations).toEqual([]);

  const again = await page.request.get("/signin");
  expect(again.headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);
});

test("the development mail outbox does not exist in production", async ({ request }) => {
  const response = await request.get("/dev/outbox");
  expect(response.status()).toBe(404);
});

// The address the abuse limits count is the socket's, through the real server (npm start: the front in
// front of Next.js): a client-sent X-Forwarded-For or a forged socket header changes nothing. The consent
// proof row records the network of that same address, so it shows which key the limiter used.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { demoClinic, e2eDatabaseUrl } from "@/tests/fixtures/e2e";
import { E2E_PUBLIC_URL } from "@/tests/fixtures/e2e-server";

test("a spoofed X-Forwarded-For does not change the client address the server counts", async ({ playwright }) => {
  const api = await playwright.request.newContext({ baseURL: E2E_PUBLIC_URL });
  const consentId = randomUUID();
  const response = await api.post("/api/consent", {
    headers: {
      "content-type": "application/json",
      "sec-fetch-site": "same-origin",
      "x-forwarded-for": "1.2.3.4",
      "x-real-ip": "5.6.7.8",
      "x-junction-socket": "forged-token 9.9.9.9",
    },
    data: {
      clinic: demoClinic.slug,
      consentId,
      accepted: ["necessary"],
      policyVersion: 1,
      language: "en",
      source: "banner",
      gpc: false,
    },
  });
  expect(response.status(), await response.text()).toBe(200);
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ ip: string | null }>(
      "SELECT ip_truncated AS ip FROM consent_records WHERE consent_id = $1",
      [consentId],
    );
    expect(rows).toEqual([{ ip: "127.0.0.0" }]);
  } finally {
    await client.end();
  }
});

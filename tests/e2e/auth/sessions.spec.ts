// Sessions end on the server: a cookie copied before signing out is refused when replayed, and an idle
// session is warned a minute before it ends, can be kept with "Stay signed in", and then ends.
// Idle time is made by moving the session's last activity back in the database, not by waiting.
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { clinicHome, e2eDatabaseUrl, signInAs, signUpClinic } from "@/tests/fixtures/e2e";

// Signing in and out under load on a busy machine: these journeys get more than the default 30 s.
test.describe.configure({ timeout: 90_000 });

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** This browser's session id and idle timeout, as next-auth's session endpoint reports them. */
async function currentSession(page: Page): Promise<{ sessionId: string; timeoutMinutes: number }> {
  const session = (await (await page.request.get("/api/auth/session")).json()) as {
    user?: { sessionId?: string };
    idle?: { timeoutMinutes: number };
  };
  expect(session.user?.sessionId, "signed in, with a server-side session").toBeTruthy();
  return { sessionId: session.user!.sessionId!, timeoutMinutes: session.idle!.timeoutMinutes };
}

/** Pretends the last activity of this session was `seconds` ago. */
async function idleFor(sessionId: string, seconds: number) {
  await sql("UPDATE staff_sessions SET last_seen_at = now() - make_interval(secs => $2) WHERE id = $1", [
    sessionId,
    seconds,
  ]);
}

/** What a person coming back to the tab does; the page asks the server about its session at once. */
async function returnToTab(page: Page) {
  await page.evaluate(() => window.dispatchEvent(new Event("focus")));
}

test("a session cookie copied before signing out does not sign anyone in afterwards", async ({
  page,
  browser,
  baseURL,
}) => {
  await signInAs(page, "owner");
  const copied = await page.context().cookies();
  expect(copied.some((c) => c.name.endsWith("next-auth.session-token"))).toBe(true);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);

  const elsewhere = await browser.newContext({ baseURL });
  try {
    await elsewhere.addCookies(copied);
    const replay = await elsewhere.newPage();
    await replay.goto(clinicHome);
    await expect(replay).toHaveURL(/\/signin\?callbackUrl=/);
    await expect(replay.getByRole("status").filter({ hasText: "Your session has ended" })).toBeVisible();
    const api = await replay.request.get("/api/trpc/me.clinics");
    expect(api.status(), "the API refuses the replayed cookie too").toBe(401);
  } finally {
    await elsewhere.close();
  }
});

test("a minute before the idle timeout a warning offers to stay signed in; later the session ends", async ({
  page,
}) => {
  await signInAs(page, "front_desk");
  await page.waitForLoadState("networkidle");
  const { sessionId, timeoutMinutes } = await currentSession(page);
  expect(timeoutMinutes, "the default idle timeout").toBe(30);

  await idleFor(sessionId, timeoutMinutes * 60 - 40);
  await returnToTab(page);
  const warning = page.getByRole("alertdialog", { name: "Are you still there?" });
  await expect(warning).toBeVisible();
  await expect(warning).toContainText(/You will be signed out in \d+ seconds/);
  await expect(warning.getByRole("button", { name: "Stay signed in" })).toBeFocused();

  await warning.getByRole("button", { name: "Stay signed in" }).click();
  await expect(warning).toBeHidden();
  const [row] = await sql<{ idle: number }>(
    "SELECT extract(epoch FROM now() - last_seen_at)::int AS idle FROM staff_sessions WHERE id = $1",
    [sessionId],
  );
  expect(row!.idle, "staying signed in counts as activity").toBeLessThan(60);

  await idleFor(sessionId, timeoutMinutes * 60 + 5);
  await returnToTab(page);
  await expect(page).toHaveURL(/\/signin\?ended=idle/);
  await expect(page.getByRole("status").filter({ hasText: "signed out because there was no activity" })).toBeVisible();
  await page.goto(clinicHome);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
});

test("an owner sets the automatic sign-out, then signs out everywhere else from Your account", async ({
  page,
  browser,
  baseURL,
}) => {
  // A clinic of its own: signing a shared demo user out everywhere would sign out other journeys.
  const n = Date.now();
  const email = `sessions-${n}@example.com`;
  const password = "sessions-password-1";
  await signUpClinic(page, { clinic: `Session Clinic ${n}`, name: "Sam Sessions", email, password });
  await expect(page).toHaveURL(new RegExp(`/c/session-clinic-${n}$`));
  const home = new URL(page.url()).pathname;

  const tabletContext = await browser.newContext({ baseURL });
  try {
    const tablet = await tabletContext.newPage();
    await tablet.goto("/signin");
    await tablet.getByLabel("Email").fill(email);
    await tablet.getByLabel("Password").fill(password);
    await tablet.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(tablet).toHaveURL(new RegExp(`${home}$`));

    await page.goto(`${home}/settings`);
    const setting = page.getByRole("form", { name: "Automatic sign-out" });
    await setting.getByLabel("Sign staff out after this many minutes without activity").fill("10");
    await setting.getByRole("button", { name: "Save automatic sign-out" }).click();
    await expect(setting.getByRole("alert")).toContainText("at least 15");
    await setting.getByLabel("Sign staff out after this many minutes without activity").fill("15");
    await setting.getByRole("button", { name: "Save automatic sign-out" }).click();
    await expect(setting.getByRole("status")).toHaveText("Automatic sign-out saved.");
    expect((await currentSession(page)).timeoutMinutes).toBe(15);

    await page.getByRole("link", { name: "Your account" }).click();
    await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
    await page.getByRole("button", { name: "Sign out everywhere else" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Signed out of 1 other session." })).toBeVisible();

    await returnToTab(tablet);
    await expect(tablet).toHaveURL(/\/signin\?ended=ended/);
    await expect(tablet.getByRole("status").filter({ hasText: "Your session has ended" })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  } finally {
    await tabletContext.close();
  }
});

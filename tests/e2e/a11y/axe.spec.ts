// Accessibility checks with axe-core on the busiest staff pages: the calendar (day and week), the
// program builder and the owner dashboard. Serious and critical findings fail the test, each listed
// by rule and element.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { clinicHome, createPatientInBrowser, signInAs } from "@/tests/fixtures/e2e";

async function seriousFindings(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
}

/** A weekday a few days ahead (the demo week has appointments there). */
function weekdaySoon(): string {
  const d = new Date(Date.now() + 86_400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

test("the calendar's day and week views have no serious axe findings", async ({ page }) => {
  test.slow(); // axe reads the whole page: many seconds on a busy 2-core machine
  await signInAs(page, "front_desk");
  await page.goto(`${clinicHome}/calendar?view=day&date=${weekdaySoon()}`);
  await expect(page.locator(".cal-block").first()).toBeVisible();
  expect(await seriousFindings(page)).toEqual([]);

  await page.getByRole("button", { name: "Week" }).click();
  await expect(page.getByRole("group", { name: /, Fri, / }).first()).toBeVisible();
  await expect(page.locator(".cal-block").nth(10)).toBeVisible();
  expect(await seriousFindings(page)).toEqual([]);
});

/** The Monday of the week before this one: the demo's history (demo-history.ts) is all there is in it. */
function mondayLastWeek(): string {
  const d = new Date(Date.now() - 7 * 86_400_000);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

test("last week's appointments, completed ones among them, have no serious axe findings", async ({ page }) => {
  // Today's view holds completed visits only from mid-morning: at those hours the test above found the
  // completed blocks' faded text below 4.5:1. Last week's history has completed visits at any hour (and
  // any no-shows or cancellations it has are shown and checked too).
  test.slow(); // axe reads the whole page: many seconds on a busy 2-core machine
  await signInAs(page, "front_desk");
  await page.goto(`${clinicHome}/calendar?view=week&date=${mondayLastWeek()}`);
  await page.getByLabel("Show cancelled").check();
  await expect(page.locator(".cal-status-completed").first()).toBeVisible();
  expect(await seriousFindings(page)).toEqual([]);
});

test("the program builder has no serious axe findings", async ({ page }) => {
  test.slow(); // axe reads the whole page: many seconds on a busy 2-core machine
  const last = `Axel${Date.now().toString(36)}`;
  await signInAs(page, "clinician");
  await createPatientInBrowser(page, { firstName: "Ada", lastName: last, email: `${last.toLowerCase()}@example.com` });
  await page.getByRole("link", { name: "New program" }).click();
  await page.getByRole("button", { name: "Use template Thoracolumbar junction (Maigne's syndrome)" }).click();
  await expect(page.getByLabel("Phase 1 title")).toHaveValue("Restore thoracolumbar mobility");
  expect(await seriousFindings(page)).toEqual([]);
});

test("the keyboard focus ring contrasts at least 3:1 with the page", async ({ page }) => {
  await signInAs(page, "front_desk");
  await page.goto(`${clinicHome}/calendar?view=day&date=${weekdaySoon()}`);
  await page.keyboard.press("Tab");
  const ring = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const s = getComputedStyle(el);
    return { color: s.outlineColor, width: s.outlineWidth, style: s.outlineStyle };
  });
  expect(ring.style).toBe("solid");
  expect(parseFloat(ring.width)).toBeGreaterThanOrEqual(2);
  const [r, g, b] = ring.color.match(/\d+/g)!.map(Number) as [number, number, number];
  const lum = (c: number) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const L = 0.2126 * lum(r) + 0.7152 * lum(g) + 0.0722 * lum(b);
  const againstWhite = 1.05 / (L + 0.05);
  expect(againstWhite).toBeGreaterThanOrEqual(3);
});

test("the owner dashboard, with a drill-down open, has no serious axe findings", async ({ page }) => {
  test.slow();
  await signInAs(page, "owner");
  await page.goto(`${clinicHome}/dashboard`);
  await expect(page.getByTestId("visits-number")).toHaveText(/^\d+$/);
  await expect(page.getByTestId("heat-map")).toBeVisible();
  expect(await seriousFindings(page)).toEqual([]);

  await page.getByRole("button", { name: /^Show the \d+ booked appointments?$/ }).click();
  await expect(page.getByTestId("drill-count")).toBeVisible();
  expect(await seriousFindings(page)).toEqual([]);
});

// Staff pages on a phone (390 px wide, WCAG 1.4.10 reflow): none scrolls sideways. A wide table
// scrolls inside its own box instead; tabs wrap. Each page that does is named with the elements
// that run past the window's edge.
import { expect, test, type Page } from "@playwright/test";
import { clinicHome, signInAs } from "@/tests/fixtures/e2e";

const PAGES = [
  "",
  "/calendar",
  "/patients",
  "/programs",
  "/exercises",
  "/outcomes",
  "/messages",
  "/settings",
  "/dashboard",
];

/** How far the page scrolls sideways, and the innermost elements past the window's right edge. */
function sideways(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const past = (e: Element) => e.getBoundingClientRect().right > width + 1;
    const culprits = [...document.querySelectorAll("main *")]
      .filter((e) => past(e) && ![...e.children].some(past))
      .slice(0, 3)
      .map((e) => `${e.tagName.toLowerCase()}${e.className ? `.${String(e.className).split(" ")[0]}` : ""}`);
    return { by: document.documentElement.scrollWidth - width, culprits };
  });
}

test("on a phone no staff page scrolls sideways: the lists, the outcomes, messages, settings, a patient", async ({
  page,
}) => {
  await signInAs(page, "owner");
  await page.goto(`${clinicHome}/patients`);
  const patient = await page.locator(`main a[href^='${clinicHome}/patients/']`).first().getAttribute("href");
  expect(patient).toBeTruthy();
  await page.setViewportSize({ width: 390, height: 844 });
  const wide: string[] = [];
  for (const path of [...PAGES.map((p) => `${clinicHome}${p}`), patient!]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const { by, culprits } = await sideways(page);
    if (by > 0) wide.push(`${path} by ${by}px (${culprits.join(", ")})`);
  }
  expect(wide).toEqual([]);
});

// The public booking page as a patient sees it: the date strip, the chosen day's times and a
// counter of the taps and key presses a journey takes (typed text is not counted).
import { expect, type Locator, type Page } from "@playwright/test";

export const dateStrip = (page: Page) => page.getByRole("toolbar", { name: "Days" });
export const chosenDateButton = (page: Page) => dateStrip(page).locator('button[aria-pressed="true"]');
/** The chosen day's time buttons (morning, afternoon and evening groups). */
export const timeButtons = (page: Page) => page.locator(".day-times").getByRole("button");

/** The clinic-local date ("YYYY-MM-DD") chosen in the strip, once times for it are shown. */
export async function chosenDate(page: Page): Promise<string> {
  await expect(chosenDateButton(page)).toHaveCount(1);
  const date = (await chosenDateButton(page).getAttribute("data-date"))!;
  // that day's times, not the day's before while the chosen one's load
  await expect(page.locator(`.day-times[data-date="${date}"]`).getByRole("button").first()).toBeVisible();
  return date;
}

/**
 * Pages the strip on a week ("Later days") and returns the day it then chooses, once that day's
 * times are shown. Each wait has its own budget: polled as one, a loaded machine's slow week of
 * counts and then slow day of times together ran past it.
 */
export async function laterDays(page: Page): Promise<string> {
  const shown = await chosenDate(page);
  await page.getByRole("button", { name: "Later days" }).click();
  await expect(dateStrip(page).locator(`button[aria-pressed="true"]:not([data-date="${shown}"])`)).toHaveCount(1);
  return chosenDate(page);
}

/**
 * Chooses the `nth` day (from 0) after the one the page opened on that has at least `min` free
 * times, and returns its date once its times are shown. The page opens on the first day with any,
 * late in the afternoon today with a few left; journeys that book beside each other each take a day
 * of their own, so none finds its time just taken by another.
 */
export async function roomyDate(page: Page, nth: number, min = 10): Promise<string> {
  const opened = await chosenDate(page);
  const later: Locator[] = [];
  for (const day of await dateStrip(page)
    .getByRole("button", { name: /times free$/ })
    .all()) {
    const free = Number(/(\d+) times free$/.exec((await day.getAttribute("aria-label")) ?? "")?.[1] ?? 0);
    if ((await day.getAttribute("data-date"))! > opened && free >= min) later.push(day);
  }
  const day = later[nth];
  if (!day) throw new Error(`The strip has no ${nth + 1}th day after ${opened} with ${min} free times or more`);
  await day.click();
  await expect(day).toHaveAttribute("aria-pressed", "true");
  return chosenDate(page);
}

/** Counts what a person does with their fingers: taps and key presses; typing text is free. */
export function gestures(page: Page, opts: { touch: boolean }) {
  let count = 0;
  return {
    get count() {
      return count;
    },
    async tap(target: Locator) {
      count++;
      await (opts.touch ? target.tap() : target.click());
    },
    async press(key: string) {
      count++;
      await page.keyboard.press(key);
    },
    async type(text: string) {
      await page.keyboard.type(text);
    },
  };
}

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
  await expect(timeButtons(page).first()).toBeVisible();
  return (await chosenDateButton(page).getAttribute("data-date"))!;
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

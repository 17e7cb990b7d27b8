import { expect, test } from "@playwright/test";
import { clinicHome, createPatientInBrowser, latestEmailTo, sideways, signInAs } from "@/tests/fixtures/e2e";

test("the library finds Copenhagen planks from a misspelling", async ({ page }) => {
  await signInAs(page, "clinician");
  await page.getByRole("link", { name: "Exercises" }).click();
  await expect(page.getByRole("heading", { name: "Exercise library", level: 1 })).toBeVisible();
  await page.getByLabel("Search exercises").fill("copenhagn");
  const results = page.getByRole("list", { name: "Exercises" });
  await expect(results.getByRole("listitem").first()).toContainText(/Copenhagen/);
  await results
    .getByRole("button", { name: /^Open Copenhagen/ })
    .first()
    .click();
  const detail = page.getByRole("dialog", { name: /Copenhagen/ });
  await expect(detail.getByRole("heading", { name: "Steps" })).toBeVisible();
  await expect(detail.getByRole("img", { name: /Illustration: Copenhagen/ })).toBeVisible();
});

test("a clinician builds a program from the Maigne's template, adjusts and assigns it; the patient opens the emailed plan and ticks exercises; adherence shows on the patient's page", async ({
  page,
  browser,
}) => {
  test.slow(); // a long journey across staff and patient browsers: more than 30 s on a busy 2-core machine
  const last = `Plano${Date.now().toString(36)}`;
  const email = `${last.toLowerCase()}@example.com`;
  const since = new Date(Date.now() - 1000);
  await signInAs(page, "clinician");

  // A new patient, then a new program from the protocol template.
  await createPatientInBrowser(page, { firstName: "Maya", lastName: last, email });
  await page.getByRole("link", { name: "New program" }).click();
  await page.getByRole("button", { name: "Use template Thoracolumbar junction (Maigne's syndrome)" }).click();
  await expect(
    page.getByRole("heading", { name: "Thoracolumbar junction (Maigne's syndrome)", level: 1 }),
  ).toBeVisible();
  await expect(page.getByLabel("Phase 1 title")).toHaveValue("Restore thoracolumbar mobility");
  // The protocol's phases start in their weeks; the template's line for clinicians is a clinician note.
  await expect(page.getByLabel("Phase 2 starts in week")).toHaveValue("3");
  await expect(page.getByLabel("Phase 4 starts in week")).toHaveValue("7");

  // Adjust: more sets for the first exercise, remove the desk-breaks item, add glute bridges to phase 1.
  const firstPhase = page.getByRole("group", { name: "Phase 1" });
  const catCamel = firstPhase.getByRole("listitem", { name: /cat-camel/i });
  await catCamel
    .getByRole("group", { name: /^Dosage for / })
    .getByLabel("Sets")
    .fill("3");
  const desk = firstPhase.getByRole("listitem").filter({ hasText: /desk/i });
  await expect(desk.getByLabel(/^Note for clinicians/)).toHaveValue(/remove otherwise/);
  await expect(desk.getByLabel(/^Instruction for the patient/)).toHaveValue("");
  await desk.getByRole("button", { name: /^Remove / }).click();
  await expect(desk).toHaveCount(0);
  const library = page.getByRole("complementary", { name: "Exercise library" });
  await library.getByLabel("Search exercises").fill("glute bridge");
  await library
    .getByRole("button", { name: /^Add (again )?Glute bridge/ })
    .first()
    .click();
  await expect(firstPhase.getByRole("listitem", { name: /^Glute bridge/ })).toBeVisible();

  // Keyboard reorder: the glute bridge moves up one place.
  const bridgeHandle = firstPhase.getByRole("button", { name: /^Move Glute bridge/ }).first();
  await bridgeHandle.focus();
  await page.keyboard.press("Alt+ArrowUp");
  await expect(page.getByText(/^Moved to position \d+ in Restore thoracolumbar mobility\.$/)).toBeAttached();

  // Preview, then assign.
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByRole("region", { name: "Preview of the patient's plan" });
  await expect(preview.getByRole("heading", { name: "Glute bridge", exact: false }).first()).toBeVisible();
  await expect(preview.getByText("3 sets × 10 reps").first()).toBeVisible();
  await page.getByRole("button", { name: "Back to editing" }).click();
  await page.getByRole("button", { name: "Assign to patient" }).click();
  await expect(page.getByRole("status")).toContainText(`Assigned version 1. Maya ${last} will get the plan by email.`);

  // The plan email: the right exercises and a link to the plan.
  const mail = await latestEmailTo(email, since, 20_000, /exercise plan/);
  expect(mail.subject).toBe("Your exercise plan from PhysioFIT Bend: Thoracolumbar junction (Maigne's syndrome)");
  expect(mail.text).toMatch(/Glute bridge/i);
  expect(mail.text).toMatch(/cat-camel/i);
  expect(mail.text).not.toMatch(/desk set-?up/i);
  const link = mail.text.match(/https?:\/\/\S+\/p\/[A-Za-z0-9._~%-]+/)?.[0];
  expect(link, "plan link in the email").toBeTruthy();

  // The patient opens it on a phone, without a password, and ticks two exercises and rates pain.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const patient = await phone.newPage();
  await patient.goto(new URL(link!).pathname);
  await expect(patient.getByRole("heading", { name: "Hi Maya" })).toBeVisible();
  // Only phase 1 is due: its four exercises (the desk item removed, glute bridges added), no deadlifts yet.
  await expect(patient.getByText("Phase 1 of 4: Restore thoracolumbar mobility")).toBeVisible();
  await expect(patient.getByText(/^Next phase \(Build deep core stability\) starts /)).toBeVisible();
  await expect(patient.getByText(/^0 of 4$/)).toBeVisible();
  // the plan, pictures and all, fits the phone: nothing scrolls sideways
  expect((await sideways(patient)).by).toBe(0);
  await expect(patient.getByRole("heading", { name: /Kettlebell deadlift/i })).toHaveCount(0);
  await patient
    .getByRole("checkbox", { name: /^Mark done/ })
    .first()
    .check();
  await expect(patient.getByText(/^1 of \d+$/)).toBeVisible();
  await patient
    .getByRole("checkbox", { name: /^Mark done/ })
    .first()
    .check();
  await expect(patient.getByText(/^2 of \d+$/)).toBeVisible();
  await patient.getByText("3", { exact: true }).click();
  await patient.getByRole("button", { name: "Save" }).click();
  await expect(patient.getByRole("status")).toHaveText("Thanks — saved for today.");
  await phone.close();

  // Back on the clinician's side: adherence and the pain rating.
  await page.goto(`${clinicHome}/patients`);
  await page
    .getByRole("link", { name: new RegExp(last) })
    .first()
    .click();
  const programs = page.getByRole("region", { name: "Home-exercise programs" });
  await expect(programs.getByText("Assigned · v1")).toBeVisible();
  await expect(programs.getByText(/Last activity: (?!none)/)).toBeVisible();
  await expect(programs.getByRole("img", { name: /^Pain from 3/ })).toBeVisible();

  // The patient is ready early: the clinician moves them to the next phase, after a confirmation.
  await expect(programs.getByText("Phase 1 of 4: Restore thoracolumbar mobility")).toBeVisible();
  await programs.getByRole("button", { name: "Move to next phase now" }).click();
  const confirm = page.getByRole("dialog", { name: "Move to the next phase now?" });
  await confirm.getByRole("button", { name: "Start phase 2 today" }).click();
  await expect(programs.getByText("Phase 2 of 4: Build deep core stability")).toBeVisible();
  await expect(programs.getByText(/Next phase \(Rebalance hip function\) starts /)).toBeVisible();
});

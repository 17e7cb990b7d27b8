// The owner sees who looked at a patient: a clinician opens the patient's page, then the owner
// does; "Who looked at this patient" lists both people, the audit view filters them by staff
// member, and the CSV downloads with them.
import { expect, test } from "@playwright/test";
import { clinicHome, createPatientInBrowser, demoUser, signInAs } from "@/tests/fixtures/e2e";

test("the owner sees who opened a patient, filters the audit log by staff member and downloads it", async ({
  page,
  browser,
}) => {
  test.slow(); // three people sign in
  const suffix = Date.now().toString(36);
  const patient = { firstName: "Audra", lastName: `Reade-${suffix}`, email: `audra.${suffix}@example.com` };
  const name = `${patient.firstName} ${patient.lastName}`;
  const clinician = demoUser("clinician");
  const owner = demoUser("owner");

  // The front desk registers the patient; the clinician opens their page.
  const desk = await (await browser.newContext()).newPage();
  await signInAs(desk, "front_desk");
  await createPatientInBrowser(desk, patient);
  const patientUrl = new URL(desk.url()).pathname;
  const other = await (await browser.newContext()).newPage();
  await signInAs(other, "clinician");
  await other.goto(patientUrl);
  await expect(other.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(other.getByRole("heading", { name: "Who looked at this patient" })).toHaveCount(0);

  // The owner opens the patient: the front desk and the clinician are listed, after a reload the owner too.
  await signInAs(page, "owner");
  await page.goto(patientUrl);
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  const accesses = page.getByTestId("patient-accesses");
  await expect(accesses.getByRole("row").filter({ hasText: clinician.name })).toHaveCount(1);
  await expect(accesses.getByRole("row").filter({ hasText: "Fran Delgado" })).toHaveCount(1);
  await page.reload();
  await expect(accesses.getByRole("row").filter({ hasText: owner.name })).toHaveCount(1);

  // The full audit log, filtered to this patient, then to the clinician.
  await page.getByRole("link", { name: "Full audit log" }).click();
  await expect(page.getByTestId("audit-patient-filter")).toHaveText(name);
  const log = page.getByTestId("audit-log");
  await expect(log.getByRole("row").filter({ hasText: owner.name }).first()).toBeVisible();
  await page.getByLabel("Staff member").selectOption({ label: clinician.name });
  await expect(log.getByRole("row").filter({ hasText: owner.name })).toHaveCount(0);
  await expect(
    log.getByRole("row").filter({ hasText: clinician.name }).filter({ hasText: "Opened the patient" }),
  ).toContainText(name);

  // The CSV holds the same rows.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const csv = await (
    await (await download).createReadStream()
  )
    .toArray()
    .then((chunks) => Buffer.concat(chunks).toString("utf8"));
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toBe(
    "when_local,when_utc,who,who_email,action,what,entity,entity_id,patient_count,patients,patient_ids,via",
  );
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.slice(1).every((l) => l.includes(clinician.email))).toBe(true);
  expect(lines.some((l) => l.includes("patient.read,Opened the patient") && l.includes(name))).toBe(true);

  // Only owners: the clinician is refused the audit view and its export.
  const view = await other.goto(`${clinicHome}/settings/audit`);
  expect(view?.status()).toBe(403);
  await expect(other.getByRole("heading", { name: "Not available for your role" })).toBeVisible();
  const refused = await other.request.get(`${clinicHome}/settings/audit/export`);
  expect(refused.status()).toBe(403);
});

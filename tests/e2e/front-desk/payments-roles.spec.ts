// Who may move money, in the browser: the front desk records a cash payment on a patient's page and
// can refund it; a clinician opening the same page sees the balance and the history but none of the
// actions (the server refuses them too: MONEY in server/trpc.ts, tests/integration/payments*.test.ts).
import { expect, test } from "@playwright/test";
import { createPatientInBrowser, signInAs } from "@/tests/fixtures/e2e";

const id = Date.now().toString(36);
const patient = { firstName: "Casimir", lastName: `Cashpaid${id}`, email: `cashpaid${id}@example.com` };

test("the front desk records a cash payment; a clinician sees it on the patient's page without any way to move money", async ({
  browser,
}) => {
  test.slow(); // two sign-ins and a patient created through the form
  const desk = await (await browser.newContext()).newPage();
  await signInAs(desk, "front_desk");
  await createPatientInBrowser(desk, patient);
  const chart = desk.url();

  const payments = desk.getByTestId("payments-panel");
  await expect(payments.getByTestId("payments-balance")).toContainText("Nothing owed");
  await expect(payments.getByText("No charges or payments yet.")).toBeVisible();
  await payments.getByRole("button", { name: "Record payment" }).click();
  const form = payments.getByRole("form", { name: "Record payment" });
  await form.getByLabel("Paid by").selectOption({ label: "Cash" });
  await form.getByLabel("Amount (USD)").fill("25");
  await form.getByLabel("Note").fill("Paid at the desk");
  await form.getByRole("button", { name: "Continue" }).click();
  await expect(form.getByText("Record $25.00 paid by cash?")).toBeVisible();
  await form.getByRole("button", { name: "Yes, record payment" }).click();
  await expect(payments.getByRole("status")).toHaveText("Recorded $25.00.");
  await expect(payments.getByTestId("payments-balance")).toContainText("In credit $25.00");
  const history = payments.getByRole("table", { name: "Payment history" });
  await expect(history.getByRole("row", { name: /Payment · cash/ })).toContainText("$25.00");
  await expect(history.getByRole("button", { name: "Refund" })).toBeVisible();

  // The clinician opens the same chart: the numbers, no buttons.
  const clinician = await (await browser.newContext()).newPage();
  await signInAs(clinician, "clinician");
  await clinician.goto(chart);
  const seen = clinician.getByTestId("payments-panel");
  await expect(seen.getByTestId("payments-balance")).toContainText("In credit $25.00");
  await expect(
    seen.getByRole("table", { name: "Payment history" }).getByRole("row", { name: /Payment · cash/ }),
  ).toBeVisible();
  await expect(seen.getByRole("button")).toHaveCount(0);
});

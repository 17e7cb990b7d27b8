// After the visit, in the browser, against the Stripe test double: a patient who paid a deposit
// for a first visit (written as the booking half of payments leaves it, with a card saved) comes
// in; the front desk marks the visit completed, sees the balance, charges it to the card on file
// after a confirmation, and the owner's dashboard shows the revenue.
import { expect, test } from "@playwright/test";
import pg from "pg";
import { clinicHome, demoClinic, e2eDatabaseUrl, signInAs } from "@/tests/fixtures/e2e";

const patient = { first: "Paloma", last: `Deposit${Date.now() % 100000}` };

async function seedPaidFirstVisit(): Promise<{ today: string }> {
  const db = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await db.connect();
  try {
    const tz = demoClinic.timeZone;
    const { rows: clinic } = await db.query<{ id: string }>("SELECT id FROM clinics WHERE slug = $1", [
      demoClinic.slug,
    ]);
    const clinicId = clinic[0]!.id;
    const account = `acct_e2e_${Date.now()}`;
    await db.query(
      `INSERT INTO clinic_payment_accounts (clinic_id, stripe_account_id, details_submitted, charges_enabled, payouts_enabled)
       VALUES ($1, $2, true, true, true)
       ON CONFLICT (clinic_id) DO UPDATE SET charges_enabled = true, disconnected_at = NULL`,
      [clinicId, account],
    );
    const { rows: acct } = await db.query<{ a: string }>(
      "SELECT stripe_account_id AS a FROM clinic_payment_accounts WHERE clinic_id = $1",
      [clinicId],
    );
    const { rows: p } = await db.query<{ id: string }>(
      "INSERT INTO patients (clinic_id, first_name, last_name, email) VALUES ($1, $2, $3, $4) RETURNING id",
      [clinicId, patient.first, patient.last, `${patient.last.toLowerCase()}@example.com`],
    );
    const { rows: c } = await db.query<{ id: string }>(
      `SELECT m.user_id AS id FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.clinic_id = $1 AND m.role = 'clinician' ORDER BY u.name LIMIT 1`,
      [clinicId],
    );
    const { rows: t } = await db.query<{ id: string }>(
      "SELECT id FROM appointment_types WHERE clinic_id = $1 AND name = 'Initial evaluation'",
      [clinicId],
    );
    const { rows: a } = await db.query<{ id: string; today: string }>(
      `INSERT INTO appointments (clinic_id, clinician_id, patient_id, type_id, starts_at, ends_at, blocked_until, source)
       SELECT $1, $2, $3, $4, s, s + interval '45 minutes', s + interval '45 minutes', 'online'
         FROM (SELECT ((now() AT TIME ZONE $5)::date + time '06:15') AT TIME ZONE $5 AS s) x
       RETURNING id, to_char(starts_at AT TIME ZONE $5, 'YYYY-MM-DD') AS today`,
      [clinicId, c[0]!.id, p[0]!.id, t[0]!.id, tz],
    );
    await db.query(
      `INSERT INTO payments (clinic_id, patient_id, appointment_id, kind, amount_minor, currency, status, method,
                             idempotency_key, settled_at)
       VALUES ($1, $2, $3, 'deposit', 5000, 'USD', 'succeeded', 'card_online', $4, now())`,
      [clinicId, p[0]!.id, a[0]!.id, `e2e-deposit:${a[0]!.id}`],
    );
    await db.query(
      `INSERT INTO patient_stripe_customers (clinic_id, patient_id, stripe_account_id, stripe_customer_id)
       VALUES ($1, $2, $3, $4)`,
      [clinicId, p[0]!.id, acct[0]!.a, `cus_e2e_${Date.now()}`],
    );
    await db.query(
      `INSERT INTO patient_payment_methods (clinic_id, patient_id, stripe_account_id, stripe_customer_id,
         stripe_payment_method_id, brand, last4, exp_month, exp_year)
       SELECT clinic_id, patient_id, stripe_account_id, stripe_customer_id, $3, 'visa', '4242', 12, 2030
         FROM patient_stripe_customers WHERE clinic_id = $1 AND patient_id = $2`,
      [clinicId, p[0]!.id, `pm_card_visa_e2e_${Date.now()}`],
    );
    return { today: a[0]!.today };
  } finally {
    await db.end();
  }
}

test("the front desk completes a deposit-paid first visit, charges the balance to the card on file, and the owner sees the revenue", async ({
  browser,
}) => {
  test.setTimeout(120_000); // two sign-ins, a calendar, a charge and the dashboard
  const { today } = await seedPaidFirstVisit();
  const name = `${patient.first} ${patient.last}`;

  const desk = await (await browser.newContext()).newPage();
  await signInAs(desk, "front_desk");
  await desk.goto(`${clinicHome}/calendar?view=day&date=${today}`);
  const visit = () => desk.getByRole("button", { name: new RegExp(`^${name}, Initial evaluation, `) });
  await visit().click();
  let panel = desk.getByRole("dialog", { name });
  await expect(panel.getByTestId("payments-balance")).toContainText("In credit $50.00");
  await panel.getByRole("button", { name: "Completed" }).click();
  await expect(desk.getByRole("status").first()).toContainText(`Marked completed: ${name}`);

  await visit().click();
  panel = desk.getByRole("dialog", { name });
  const payments = panel.getByTestId("payments-panel");
  await expect(payments.getByTestId("payments-balance")).toContainText("Owes $130.00");
  await expect(payments.getByTestId("payments-balance")).toContainText("Card on file: visa •••• 4242");
  await payments.getByRole("button", { name: "Charge card on file" }).click();
  await expect(payments.getByLabel("Amount (USD)")).toHaveValue("130.00");
  await payments.getByRole("button", { name: "Continue" }).click();
  await expect(payments.getByText("Charge $130.00 to visa •••• 4242?")).toBeVisible();
  await payments.getByRole("button", { name: "Yes, charge card on file" }).click();
  await expect(payments.getByRole("status")).toHaveText("Charged $130.00 to visa •••• 4242.");
  await expect(payments.getByTestId("payments-balance")).toContainText("Nothing owed");
  await expect(payments.getByRole("table", { name: "Payment history" })).toContainText("Visit charge");

  const owner = await (await browser.newContext()).newPage();
  await signInAs(owner, "owner");
  await owner.getByRole("link", { name: "Dashboard", exact: true }).click();
  await owner.getByLabel("Period").selectOption("this_week");
  const revenue = owner.getByTestId("kpi-revenue");
  await expect(revenue.getByRole("heading", { name: "Revenue" })).toBeVisible();
  await expect(revenue.getByTestId("revenue-charged")).toHaveText("$180.00");
  await expect(revenue.getByTestId("revenue-collected")).toHaveText("$180.00");
  await expect(revenue.getByTestId("revenue-outstanding")).toHaveText("$0.00");
  await revenue.getByRole("button", { name: "Show rows" }).nth(1).click();
  const drill = owner.getByTestId("drill-down");
  await expect(drill.getByRole("heading", { name: "Collected: deposits, prepayments and payments" })).toBeVisible();
  await expect(drill.getByRole("row", { name: new RegExp(name) })).toHaveCount(2);
});

// The billing emails to owners (kinds billing_*), composed from the message row's details.
import { createElement } from "react";
import { formatMoney, localeFor } from "@/app/_lib/money";
import type { Message } from "@/db/schema";
import BillingPaymentFailedEmail, { billingPaymentFailedSubject } from "@/emails/billing-payment-failed";
import BillingTrialEndingEmail, { billingTrialEndingSubject } from "@/emails/billing-trial-ending";
import { appUrl, env } from "@/server/env";
import type { ComposedEmail } from "@/server/messages/compose";

const dayLabel = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone })
    .format(new Date(iso))
    .replace(",", "");

export function composeBillingEmail(
  message: Message,
  clinic: { slug: string; name: string; timeZone: string; currency: string; locale?: string | null },
): ComposedEmail {
  const d = message.details ?? {};
  if (!d.toEmail) throw new Error(`Billing message ${message.id} has no recipient`);
  const billingUrl = new URL(`/c/${clinic.slug}/settings/billing`, appUrl()).toString();
  const ownerName = d.toName ?? "there";
  if (message.kind === "billing_trial_ending") {
    const props = {
      ownerName,
      clinicName: clinic.name,
      endsLabel: dayLabel(d.trialEnd ?? "", clinic.timeZone),
      billingUrl,
    };
    return {
      to: d.toEmail,
      template: "billing-trial-ending",
      subject: billingTrialEndingSubject(props),
      element: createElement(BillingTrialEndingEmail, props),
    };
  }
  const currency = (d.currency ?? "usd").toUpperCase();
  const props = {
    ownerName,
    clinicName: clinic.name,
    amountLabel: formatMoney(Number(d.amountDue ?? "0"), currency, localeFor(clinic)),
    graceDays: env.BILLING_GRACE_DAYS,
    billingUrl,
  };
  return {
    to: d.toEmail,
    template: "billing-payment-failed",
    subject: billingPaymentFailedSubject(props),
    element: createElement(BillingPaymentFailedEmail, props),
  };
}

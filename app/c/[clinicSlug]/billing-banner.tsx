// The one billing note above every staff page: calm trial days left and past due (owners), or
// read-only (everyone). Nothing when billing is off or all is well.
import Link from "next/link";
import type { BillingBanner as Banner } from "@/server/billing/read";
import { PortalButton } from "./settings/billing/billing-actions";

/** "14 December", on the clinic's calendar (not the server's). */
const dateLabel = (d: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", timeZone }).format(d);

export function BillingBanner({ banner, slug, timeZone }: { banner: Banner; slug: string; timeZone: string }) {
  if (!banner) return null;
  const billing = `/c/${slug}/settings/billing`;
  if (banner.kind === "trial") {
    return (
      <div className="alert alert-info no-print" role="status" data-testid="billing-banner">
        Free trial: {banner.daysLeft} day{banner.daysLeft === 1 ? "" : "s"} left. <Link href={billing}>Billing</Link>
      </div>
    );
  }
  if (banner.kind === "past_due") {
    return (
      <div className="alert alert-warn no-print" role="status" data-testid="billing-banner">
        The last payment did not go through. Everything keeps working until {dateLabel(banner.graceEndsAt, timeZone)}.{" "}
        <PortalButton>Update the card</PortalButton> (or see <Link href={billing}>Billing</Link>).
      </div>
    );
  }
  return (
    <div className="alert alert-warn no-print" role="status" data-testid="billing-banner">
      This clinic&apos;s subscription is not active, so Junction is read-only: you can look at and export everything,
      but not make changes.{" "}
      {banner.owner ? (
        <Link href={billing}>Open Billing to subscribe</Link>
      ) : (
        "Ask the clinic's owner to update billing."
      )}
    </div>
  );
}

"use client";
// Every public page's footer: reopen the cookie choice (withdrawing is as easy as giving) and the
// cookie policy generated from server/consent/registry.ts.
import Link from "next/link";
import { openCookieSettings } from "./controller";

export function PublicFooter({
  policyHref,
  labels,
}: {
  policyHref: string;
  labels: { settings: string; policy: string };
}) {
  return (
    <footer className="public-footer">
      <button type="button" className="link-button" onClick={openCookieSettings}>
        {labels.settings}
      </button>
      <span aria-hidden="true">·</span>
      <Link href={policyHref}>{labels.policy}</Link>
    </footer>
  );
}

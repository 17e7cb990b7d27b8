"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

export function SettingsTabs({ slug }: { slug: string }) {
  const pathname = usePathname();
  const base = `/c/${slug}/settings`;
  const tabs = [
    { href: base, label: "Clinic profile" },
    { href: `${base}/hours`, label: "Opening hours" },
    { href: `${base}/scheduling`, label: "Scheduling" },
    { href: `${base}/fees`, label: "Fees" },
    { href: `${base}/team`, label: "Team" },
    { href: `${base}/outcomes`, label: "Outcome measures" },
    { href: `${base}/privacy`, label: "Privacy & cookies" },
    { href: `${base}/audit`, label: "Audit log" },
    { href: `${base}/billing`, label: "Billing" },
    { href: `${base}/payments`, label: "Payments" },
  ];
  return (
    <nav className="tabs" aria-label="Settings sections">
      {tabs.map((t) => (
        <Link key={t.href} href={t.href} aria-current={pathname === t.href ? "page" : undefined}>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}

"use client";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import type { Role } from "@/db/schema";

const AREAS: { href: string; label: string; soon?: boolean; roles?: Role[] }[] = [
  { href: "", label: "Home" },
  { href: "/calendar", label: "Calendar" },
  { href: "/patients", label: "Patients" },
  { href: "/programs", label: "Programs", roles: ["owner", "clinician"] },
  { href: "/exercises", label: "Exercises" },
  { href: "/outcomes", label: "Outcomes", roles: ["owner", "clinician"] },
  { href: "/messages", label: "Messages", roles: ["owner"] },
  { href: "/dashboard", label: "Dashboard", roles: ["owner", "clinician"] },
  { href: "/settings", label: "Settings", roles: ["owner"] },
];

export function ClinicNav({ slug, role }: { slug: string; role: Role }) {
  const pathname = usePathname();
  const base = `/c/${slug}`;
  return (
    <nav className="nav" aria-label="Main">
      {AREAS.filter((a) => !a.roles || a.roles.includes(role)).map((a) => {
        const href = `${base}${a.href}`;
        const active = a.href === "" ? pathname === base : pathname.startsWith(href);
        return (
          <Link key={a.label} href={href} aria-current={active ? "page" : undefined}>
            {a.label}
            {a.soon ? <span className="soon">soon</span> : null}
          </Link>
        );
      })}
    </nav>
  );
}

export function ClinicSwitcher({ current, clinics }: { current: string; clinics: { slug: string; name: string }[] }) {
  const router = useRouter();
  return (
    <label>
      <span className="visually-hidden">Switch clinic</span>
      <select value={current} onChange={(e) => router.push(`/c/${e.target.value}`)} aria-label="Switch clinic">
        {clinics.map((c) => (
          <option key={c.slug} value={c.slug}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
}

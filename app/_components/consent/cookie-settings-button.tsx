"use client";
import { openCookieSettings } from "./controller";

export function CookieSettingsButton({ label, className = "btn" }: { label: string; className?: string }) {
  return (
    <button type="button" className={className} onClick={openCookieSettings}>
      {label}
    </button>
  );
}

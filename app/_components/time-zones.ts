/**
 * Time zones offered in pickers. `keep` (the browser's zone, the clinic's current one) is always
 * offered, so a picker never falls back to its first option ("Africa/Abidjan") because the zone it
 * should show is missing from the list (browsers list "UTC" under no name of its own).
 */
export function timeZoneOptions(keep: string[] = []): string[] {
  const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  const base = all.length
    ? all
    : ["America/Los_Angeles", "America/Denver", "America/Chicago", "America/New_York", "Europe/London"];
  const extra = [...keep, "UTC"].filter((z, i, list) => z && !base.includes(z) && list.indexOf(z) === i);
  return [...base, ...extra].sort((a, b) => (a === "UTC" ? -1 : b === "UTC" ? 1 : a.localeCompare(b)));
}

/** The zone to suggest at sign-up: the browser's own, with "Etc/UTC" and friends named "UTC". */
export function browserTimeZone(resolved: string | undefined, fallback = "America/Los_Angeles"): string {
  if (!resolved) return fallback;
  if (/^(Etc\/)?(UTC|UCT|Universal|Zulu|GMT|GMT0|Greenwich)$/.test(resolved) || resolved === "Etc/GMT+0") return "UTC";
  return resolved;
}

// Times shown to people are always in the clinic's zone, and say which zone that is.

/** "Monday, March 9, 2026 at 9:00 AM (Pacific Daylight Time)". */
export function formatInZone(instant: Date, timeZone: string): string {
  const when = new Intl.DateTimeFormat("en-US", { timeZone, dateStyle: "full", timeStyle: "short" }).format(instant);
  return `${when} (${zoneName(instant, timeZone)})`;
}

export function zoneName(instant: Date, timeZone: string): string {
  const part = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "long" })
    .formatToParts(instant)
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? timeZone;
}

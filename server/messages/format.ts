// How patient emails name a time: in the clinic's zone, with the zone's abbreviation, e.g.
// "Tue 4 Mar, 7:00 AM PST". Formatters are cached per zone (building one costs more than using it).

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      weekday: "short",
      day: "numeric",
      month: "short",
      hour: "numeric",
      minute: "2-digit",
      hour12: true,
      timeZoneName: "short",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** "Tue 4 Mar, 7:00 AM PST" (the abbreviation is the one in force at that instant). */
export function emailWhen(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.weekday} ${parts.day} ${parts.month}, ${parts.hour}:${parts.minute} ${parts.dayPeriod} ${parts.timeZoneName}`;
}

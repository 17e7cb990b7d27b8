"use client";
// Which week the date strip shows (useWeek) and which day is chosen (useChosenDay). On arrival and
// after paging, the first day with free times is chosen; on arrival, weeks without any are skipped
// up to the horizon.
import { useEffect, useState } from "react";
import type { FreeDays } from "@/server/booking/days";
import { addDays, localDateTime } from "@/server/scheduling/zoned-time";

export const PAGE_DAYS = 7;

export type Week = ReturnType<typeof useWeek>;

export function useWeek(timeZone: string) {
  const [from, setFrom] = useState(() => localDateTime(new Date(), timeZone).date);
  return {
    from,
    setFrom,
    canEarlier: (summary: FreeDays | undefined) => Boolean(summary && from > summary.firstDate),
    canLater: (summary: FreeDays | undefined) => Boolean(summary && addDays(from, PAGE_DAYS) <= summary.lastDate),
    earlier: () => setFrom((f) => addDays(f, -PAGE_DAYS)),
    later: () => setFrom((f) => addDays(f, PAGE_DAYS)),
  };
}

/** `summary`: the shown week's, once loaded (undefined while another week's is still on screen). */
export function useChosenDay(week: Week, summary: FreeDays | undefined) {
  const [day, setDay] = useState<string | null>(null);
  const [seeking, setSeeking] = useState(true);
  const { from, setFrom } = week;

  useEffect(() => {
    if (!summary) return;
    if (day && summary.days.some((d) => d.date === day && d.free > 0)) return;
    const firstFree = summary.days.find((d) => d.free > 0)?.date;
    if (firstFree) {
      setDay(firstFree);
      setSeeking(false);
    } else if (seeking && addDays(from, PAGE_DAYS) <= summary.lastDate) {
      setFrom(addDays(from, PAGE_DAYS));
    } else {
      setDay(null);
      setSeeking(false);
    }
  }, [summary, day, seeking, from, setFrom]);

  return { day, setDay, seeking };
}

// The booking pages' date strip: how many distinct free start times each local day has, a page of
// days at a time, so neither page computes every free time up to the booking horizon. The chosen
// day's times come from booking.slots / booking.manageSlots for that day alone (days.ts dayBounds).
import type { Tx } from "@/db/client";
import { getClinic } from "@/server/clinic/settings";
import { availableSlots } from "@/server/scheduling/manage";
import { addDays, localDateTime } from "@/server/scheduling/zoned-time";
import { countFreeByDay, dayBounds, type FreeDays } from "./days";

const DAY = 86_400_000;

/**
 * The free-day summary of [input.from, + input.days) for a type and (optionally) one clinician,
 * clipped to the bookable window: today (clinic time) to the horizon. firstDate and lastDate tell
 * the strip how far it may page.
 */
export async function freeDays(
  tx: Tx,
  clinicId: string,
  input: { typeId: string; clinicianId?: string; from: string; days: number },
  now: Date,
): Promise<FreeDays> {
  const clinic = await getClinic(tx, clinicId);
  const firstDate = localDateTime(now, clinic.timeZone).date;
  const lastDate = localDateTime(now.getTime() + clinic.maxAdvanceDays * DAY - 1, clinic.timeZone).date;
  const from = input.from < firstDate ? firstDate : input.from;
  if (from > lastDate) return { days: [], firstDate, lastDate };
  const last = addDays(from, input.days - 1) > lastDate ? lastDate : addDays(from, input.days - 1);
  const count = Math.round((Date.parse(last) - Date.parse(from)) / DAY) + 1;
  const runs = await availableSlots(
    tx,
    { id: clinicId, timeZone: clinic.timeZone },
    {
      typeId: input.typeId,
      clinicianId: input.clinicianId,
      from: dayBounds(from, clinic.timeZone).from,
      to: dayBounds(last, clinic.timeZone).to,
    },
    { now, online: true },
  );
  return { days: countFreeByDay(runs, from, count, clinic.timeZone), firstDate, lastDate };
}

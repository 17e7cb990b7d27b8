// What the grid draws, derived from the calendar query: lanes (a clinician on a day), the open
// hours in each lane, and appointment blocks placed side by side where they overlap.
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/root";
import { addDays, dayKey, localParts, toMinutes, weekStart, type DayKey } from "./time";
import { displayName } from "@/server/validation";

type Outputs = inferRouterOutputs<AppRouter>;
export type CalendarData = Outputs["scheduling"]["calendar"];
export type Clinician = CalendarData["clinicians"][number];
export type ApptType = CalendarData["types"][number];
export type Appointment = CalendarData["appointments"][number];
export type AppointmentStatus = Appointment["status"];
export type WeeklyHours = Record<DayKey, { start: string; end: string }[]>;

export const DAY_START = 6 * 60;
export const DAY_END = 21 * 60;
export const STEP = 15;
export const SLOTS = (DAY_END - DAY_START) / STEP;

export type View = "day" | "week";
export type Lane = { key: string; date: string; clinicianId: string; clinicianName: string; open: [number, number][] };
export type Block = {
  appt: Appointment;
  date: string;
  startMin: number;
  endMin: number;
  /** Side-by-side placement among overlapping blocks: column index and column count. */
  col: number;
  cols: number;
};

/** The dates a view shows: one day, or Monday to Sunday. */
export function visibleDates(view: View, date: string): string[] {
  if (view === "day") return [date];
  const monday = weekStart(date);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

function intervals(hours: WeeklyHours | null | undefined, day: DayKey): [number, number][] {
  return (hours?.[day] ?? []).map((iv) => [toMinutes(iv.start), toMinutes(iv.end)] as [number, number]);
}

/** Where a clinician can be booked on a date: their working hours inside the clinic's opening hours. */
export function openIntervals(
  date: string,
  clinic: WeeklyHours | undefined,
  clinician: WeeklyHours | null,
): [number, number][] {
  const day = dayKey(date);
  const open = intervals(clinic, day);
  if (!clinician) return open;
  const out: [number, number][] = [];
  for (const [a, b] of open) {
    for (const [c, d] of intervals(clinician, day)) {
      const s = Math.max(a, c);
      const e = Math.min(b, d);
      if (e > s) out.push([s, e]);
    }
  }
  return out.sort((x, y) => x[0] - y[0]);
}

export const isOpen = (open: [number, number][], minute: number) =>
  open.some(([s, e]) => minute >= s && minute + STEP <= e);

type Span = { startsAt: Date; endsAt: Date };
export type Blocked = { closures: Span[]; timeOff: (Span & { clinicianId: string })[]; timeZone: string };

/** The minutes of `date` a span covers, in the clinic's zone; null when it misses the date. */
function spanOnDate(span: Span, date: string, timeZone: string): [number, number] | null {
  const start = localParts(span.startsAt, timeZone);
  const end = localParts(span.endsAt, timeZone);
  if (end.date < date || start.date > date || (end.date === date && end.minutes === 0 && start.date < date))
    return null;
  return [start.date < date ? 0 : start.minutes, end.date > date ? 24 * 60 : end.minutes];
}

/** Open intervals minus closures and the clinician's time off. */
function subtractBlocked(
  open: [number, number][],
  date: string,
  clinicianId: string,
  blocked: Blocked | undefined,
): [number, number][] {
  if (!blocked) return open;
  const spans = [...blocked.closures, ...blocked.timeOff.filter((t) => t.clinicianId === clinicianId)]
    .map((s) => spanOnDate(s, date, blocked.timeZone))
    .filter((x): x is [number, number] => x !== null);
  let out = open;
  for (const [bs, be] of spans) {
    out = out.flatMap(([s, e]): [number, number][] =>
      be <= s || bs >= e
        ? [[s, e]]
        : [...(bs > s ? [[s, bs] as [number, number]] : []), ...(be < e ? [[be, e] as [number, number]] : [])],
    );
  }
  return out;
}

export function buildLanes(
  view: View,
  dates: string[],
  clinicians: Clinician[],
  clinicianFilter: string | null,
  clinicHours: WeeklyHours | undefined,
  blocked?: Blocked,
): Lane[] {
  const lane = (c: Clinician, date: string, key: string): Lane => ({
    key,
    date,
    clinicianId: c.id,
    clinicianName: c.name,
    open: subtractBlocked(openIntervals(date, clinicHours, c.workingHours), date, c.id, blocked),
  });
  if (view === "day") return clinicians.map((c) => lane(c, dates[0]!, c.id));
  const c = clinicians.find((x) => x.id === clinicianFilter) ?? clinicians[0];
  if (!c) return [];
  return dates.map((date) => lane(c, date, date));
}

/** Packs overlapping blocks into columns (greedy, per cluster of overlaps). */
function pack(items: Omit<Block, "col" | "cols">[]): Block[] {
  const sorted = [...items].sort((a, b) => a.startMin - b.startMin || b.endMin - a.endMin);
  const out: Block[] = [];
  let cluster: Block[] = [];
  let clusterEnd = -1;
  let columnEnds: number[] = [];
  const flush = () => {
    for (const b of cluster) b.cols = columnEnds.length;
    out.push(...cluster);
    cluster = [];
    columnEnds = [];
  };
  for (const item of sorted) {
    if (item.startMin >= clusterEnd) flush();
    let col = columnEnds.findIndex((end) => end <= item.startMin);
    if (col === -1) col = columnEnds.push(item.endMin) - 1;
    else columnEnds[col] = item.endMin;
    cluster.push({ ...item, col, cols: 1 });
    clusterEnd = Math.max(clusterEnd, item.endMin);
  }
  flush();
  return out;
}

/** Blocks per lane key, clipped to the visible hours. Cancelled ones only when asked for. */
export function layoutBlocks(
  appointments: Appointment[],
  lanes: Lane[],
  timeZone: string,
  showCancelled: boolean,
): Map<string, Block[]> {
  // Matched on clinician and date, so data still showing from another range never lands in a lane.
  const laneOf = new Map(lanes.map((l) => [`${l.clinicianId}|${l.date}`, l.key]));
  const byLane = new Map<string, Omit<Block, "col" | "cols">[]>(lanes.map((l) => [l.key, []]));
  for (const appt of appointments) {
    if (appt.status === "cancelled" && !showCancelled) continue;
    const { date, minutes: startMin } = localParts(appt.startsAt, timeZone);
    const items = byLane.get(laneOf.get(`${appt.clinicianId}|${date}`) ?? "");
    if (!items) continue;
    // An appointment that runs past midnight ends at the end of its first day.
    const end = localParts(appt.endsAt, timeZone);
    const endMin = end.date === date ? end.minutes : 24 * 60;
    const top = Math.max(startMin, DAY_START);
    const bottom = Math.min(endMin, DAY_END);
    if (bottom <= top) continue;
    items.push({ appt, date, startMin: top, endMin: bottom });
  }
  return new Map([...byLane].map(([k, items]) => [k, pack(items)]));
}

export const STATUS_LABELS: Record<AppointmentStatus, string> = {
  booked: "Booked",
  checked_in: "Checked in",
  completed: "Completed",
  cancelled: "Cancelled",
  no_show: "No-show",
  pending_payment: "Awaiting payment",
};

/** Safe to show: see displayName (names stored before input was checked may hold invisible characters). */
export const patientName = (a: Appointment) => `${displayName(a.patientFirstName)} ${displayName(a.patientLastName)}`;

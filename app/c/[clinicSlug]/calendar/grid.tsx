"use client";
// The time grid: a sticky header per lane, the 06:00–21:00 axis, and one LaneColumn per lane.
// Memoised so opening a panel or hovering never re-renders the cells.
import { useClinicLocale } from "@/app/_components/clinic-locale";
import { memo, useEffect, useRef, useState, type KeyboardEvent } from "react";
import { DAY_END, DAY_START, type ApptType, type Block, type Lane, type View } from "./model";
import { LaneColumn, ROW_PX, type DragInfo, type LaneHandlers } from "./lane";
import { formatClock, formatDate, localParts } from "./time";

const HOURS = Array.from({ length: (DAY_END - DAY_START) / 60 }, (_, i) => DAY_START + i * 60);
const NO_BLOCKS: Block[] = [];

/** A focusable thing in a lane (free cell or appointment) and the minute it starts at. */
function stops(lane: Element): { el: HTMLElement; minute: number }[] {
  return [...lane.querySelectorAll<HTMLElement>("[data-minute], [data-start-minute]")]
    .map((el) => ({ el, minute: Number(el.dataset.minute ?? el.dataset.startMinute) }))
    .sort((a, b) => a.minute - b.minute);
}

/**
 * Arrow keys move focus like a spreadsheet: up/down to the previous/next free time or appointment
 * in the column, left/right to the nearest one in the neighbouring column; Home/End to the
 * column's first/last. Enter or Space then books or opens it (they are buttons).
 */
function moveFocus(e: KeyboardEvent<HTMLDivElement>) {
  const target = e.target as HTMLElement;
  const lane = target.closest(".cal-lane");
  if (!lane || !target.matches("[data-minute], [data-start-minute]")) return;
  const minute = Number(target.dataset.minute ?? target.dataset.startMinute);
  const nearest = (list: { el: HTMLElement; minute: number }[]) =>
    list.reduce<{ el: HTMLElement; minute: number } | null>(
      (best, x) => (!best || Math.abs(x.minute - minute) < Math.abs(best.minute - minute) ? x : best),
      null,
    );
  const here = stops(lane);
  let next: { el: HTMLElement } | null | undefined = null;
  if (e.key === "ArrowDown") next = here.find((x) => x.minute > minute);
  else if (e.key === "ArrowUp") next = here.findLast((x) => x.minute < minute);
  else if (e.key === "Home") next = here[0];
  else if (e.key === "End") next = here.at(-1);
  else if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
    const lanes = [...e.currentTarget.querySelectorAll(".cal-lane")];
    const other = lanes[lanes.indexOf(lane) + (e.key === "ArrowLeft" ? -1 : 1)];
    if (other) next = nearest(stops(other));
  } else return;
  e.preventDefault();
  if (next) {
    next.el.focus();
    next.el.scrollIntoView({ block: "nearest", inline: "nearest" });
  }
}

/** The clinic's wall clock now, refreshed every minute. */
function useClinicNow(timeZone: string) {
  const [now, setNow] = useState<{ date: string; minutes: number } | null>(null);
  useEffect(() => {
    const tick = () => setNow(localParts(new Date(), timeZone));
    tick();
    const timer = setInterval(tick, 60_000);
    return () => clearInterval(timer);
  }, [timeZone]);
  return now;
}

export const CalendarGrid = memo(function CalendarGrid(props: {
  view: View;
  lanes: Lane[];
  blocks: Map<string, Block[]>;
  types: Map<string, ApptType>;
  today: string;
  timeZone: string;
  handlers: LaneHandlers;
}) {
  const { view, lanes, blocks, types, today, timeZone, handlers } = props;
  const now = useClinicNow(timeZone);
  const locale = useClinicLocale();
  const drag = useRef<DragInfo | null>(null);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // Start the day at 07:00 rather than 06:00, where most clinics open.
    if (scroller.current) scroller.current.scrollTop = ROW_PX * 4 - 10;
  }, []);

  return (
    <div className="cal-scroll" ref={scroller} onKeyDown={moveFocus}>
      <div className="cal-grid" style={{ gridTemplateColumns: `4.5rem repeat(${lanes.length}, minmax(7.5rem, 1fr))` }}>
        <div className="cal-corner" />
        {lanes.map((lane) => (
          <div key={lane.key} className={`cal-head${lane.date === today ? " cal-today" : ""}`}>
            {view === "day" ? lane.clinicianName : formatDate(lane.date, "short")}
          </div>
        ))}
        <div className="cal-axis" aria-hidden="true" style={{ height: ((DAY_END - DAY_START) / 15) * ROW_PX }}>
          {HOURS.map((m) => (
            <div key={m} className="cal-axis-label" style={{ top: ((m - DAY_START) / 15) * ROW_PX }}>
              {formatClock(m, locale)}
            </div>
          ))}
        </div>
        {lanes.map((lane) => (
          <LaneColumn
            key={lane.key}
            lane={lane}
            blocks={blocks.get(lane.key) ?? NO_BLOCKS}
            types={types}
            drag={drag}
            handlers={handlers}
            nowMinute={now && now.date === lane.date ? now.minutes : null}
          />
        ))}
      </div>
    </div>
  );
});

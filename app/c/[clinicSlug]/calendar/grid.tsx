"use client";
// The time grid: a sticky header per lane, the 06:00–21:00 axis, and one LaneColumn per lane.
// Memoised so opening a panel or hovering never re-renders the cells.
import { memo, useEffect, useRef } from "react";
import { DAY_END, DAY_START, type ApptType, type Block, type Lane, type View } from "./model";
import { LaneColumn, ROW_PX, type DragInfo, type LaneHandlers } from "./lane";
import { formatClock, formatDate } from "./time";

const HOURS = Array.from({ length: (DAY_END - DAY_START) / 60 }, (_, i) => DAY_START + i * 60);
const NO_BLOCKS: Block[] = [];

export const CalendarGrid = memo(function CalendarGrid(props: {
  view: View;
  lanes: Lane[];
  blocks: Map<string, Block[]>;
  types: Map<string, ApptType>;
  today: string;
  handlers: LaneHandlers;
}) {
  const { view, lanes, blocks, types, today, handlers } = props;
  const drag = useRef<DragInfo | null>(null);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // Start the day at 07:00 rather than 06:00, where most clinics open.
    if (scroller.current) scroller.current.scrollTop = ROW_PX * 4 - 10;
  }, []);

  return (
    <div className="cal-scroll" ref={scroller}>
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
              {formatClock(m)}
            </div>
          ))}
        </div>
        {lanes.map((lane) => (
          <LaneColumn key={lane.key} lane={lane} blocks={blocks.get(lane.key) ?? NO_BLOCKS} types={types} drag={drag} handlers={handlers} />
        ))}
      </div>
    </div>
  );
});

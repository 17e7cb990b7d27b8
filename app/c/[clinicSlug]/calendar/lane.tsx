"use client";
// One column of the grid (a clinician on a day): 15-minute cells, buttons where the clinician is
// open and grey where not, appointment blocks on top, and a drop target for dragged blocks.
import { useClinicLocale } from "@/app/_components/clinic-locale";
import {
  memo,
  useMemo,
  useRef,
  type CSSProperties,
  type DragEvent,
  type MouseEvent,
  type MutableRefObject,
} from "react";
import {
  DAY_END,
  DAY_START,
  isOpen,
  patientName,
  SLOTS,
  STATUS_LABELS,
  STEP,
  type ApptType,
  type Block,
  type Lane,
} from "./model";
import { formatClock, formatDate } from "./time";

export const ROW_PX = 20;
export type DragInfo = { id: string; laneKey: string; startMin: number; durationMin: number; grabMin: number };
export type LaneHandlers = {
  onCell: (lane: Lane, minute: number) => void;
  onBlock: (appointmentId: string) => void;
  onMove: (appointmentId: string, lane: Lane, minute: number) => void;
};

const px = (minutes: number) => (minutes / STEP) * ROW_PX;

export const LaneColumn = memo(function LaneColumn(props: {
  lane: Lane;
  blocks: Block[];
  types: Map<string, ApptType>;
  drag: MutableRefObject<DragInfo | null>;
  handlers: LaneHandlers;
  /** Minutes past midnight now, in the clinic's zone, when this lane is today; else null. */
  nowMinute: number | null;
}) {
  const { lane, blocks, types, drag, handlers, nowMinute } = props;
  const locale = useClinicLocale();
  const ghost = useRef<HTMLDivElement>(null);
  const dayLabel = formatDate(lane.date, "short");

  // Free cells are buttons; closed time is grey and time under an appointment is not offered.
  // Only the lane's first free cell is a Tab stop; arrow keys move between cells (grid.tsx).
  const cells = useMemo(() => {
    const taken = blocks.filter((b) => b.appt.status !== "cancelled");
    let tabStop = true;
    return Array.from({ length: SLOTS }, (_, i) => {
      const minute = DAY_START + i * STEP;
      const cls = `cal-cell${minute % 60 === 0 ? " cal-hour" : ""}`;
      if (!isOpen(lane.open, minute)) return <div key={minute} className={`${cls} cal-closed`} />;
      if (taken.some((b) => b.startMin < minute + STEP && b.endMin > minute))
        return <div key={minute} className={cls} />;
      const tabIndex = tabStop ? 0 : -1;
      tabStop = false;
      return (
        <button
          key={minute}
          type="button"
          className={cls}
          tabIndex={tabIndex}
          data-minute={minute}
          data-time={formatClock(minute, locale)}
          aria-label={`Book ${formatClock(minute, locale)}, ${dayLabel}, ${lane.clinicianName}`}
        />
      );
    });
  }, [blocks, lane.open, lane.clinicianName, dayLabel, locale]);

  function targetMinute(e: DragEvent<HTMLDivElement>, info: DragInfo) {
    const pointer = DAY_START + ((e.clientY - e.currentTarget.getBoundingClientRect().top) / ROW_PX) * STEP;
    const start = Math.floor(pointer / STEP) * STEP - info.grabMin;
    return Math.min(Math.max(start, DAY_START), DAY_END - STEP);
  }
  function onDragOver(e: DragEvent<HTMLDivElement>) {
    const info = drag.current;
    if (!info) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "move";
    const start = targetMinute(e, info);
    const g = ghost.current;
    if (g) {
      g.style.display = "block";
      g.style.top = `${px(start - DAY_START)}px`;
      g.style.height = `${px(Math.min(info.durationMin, DAY_END - start))}px`;
      g.textContent = formatClock(start, locale);
    }
  }
  function hideGhost() {
    if (ghost.current) ghost.current.style.display = "none";
  }
  function onDrop(e: DragEvent<HTMLDivElement>) {
    const info = drag.current;
    hideGhost();
    if (!info) return;
    e.preventDefault();
    const start = targetMinute(e, info);
    drag.current = null;
    if (info.laneKey === lane.key && info.startMin === start) return;
    handlers.onMove(info.id, lane, start);
  }
  function onClick(e: MouseEvent<HTMLDivElement>) {
    const cell = (e.target as HTMLElement).closest<HTMLElement>("[data-minute]");
    if (cell) handlers.onCell(lane, Number(cell.dataset.minute));
  }

  return (
    <div
      className="cal-lane"
      role="group"
      aria-label={`${lane.clinicianName}, ${dayLabel}`}
      style={{ height: px(DAY_END - DAY_START) }}
      onClick={onClick}
      onDragOver={onDragOver}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) hideGhost();
      }}
      onDrop={onDrop}
    >
      {cells}
      {blocks.map((b) => (
        <AppointmentBlock
          key={b.appt.id}
          block={b}
          type={types.get(b.appt.typeId)}
          laneKey={lane.key}
          drag={drag}
          onOpen={handlers.onBlock}
          onDragEnd={hideGhost}
        />
      ))}
      {nowMinute !== null && nowMinute >= DAY_START && nowMinute < DAY_END ? (
        <div
          className="cal-now"
          style={{ top: px(nowMinute - DAY_START) }}
          title={`Now, ${formatClock(nowMinute, locale)}`}
          aria-hidden="true"
        />
      ) : null}
      <div ref={ghost} className="cal-ghost" aria-hidden="true" />
    </div>
  );
});

function AppointmentBlock({
  block,
  type,
  laneKey,
  drag,
  onOpen,
  onDragEnd,
}: {
  block: Block;
  type: ApptType | undefined;
  laneKey: string;
  drag: MutableRefObject<DragInfo | null>;
  onOpen: (id: string) => void;
  onDragEnd: () => void;
}) {
  const { appt } = block;
  const locale = useClinicLocale();
  const movable = appt.status === "booked";
  const style = {
    top: px(block.startMin - DAY_START),
    height: Math.max(px(block.endMin - block.startMin) - 2, ROW_PX - 2),
    left: `calc(${(block.col / block.cols) * 100}% + 2px)`,
    width: `calc(${100 / block.cols}% - 4px)`,
    "--cal-color": type?.color ?? "#52606d",
  } as CSSProperties;
  const time = `${formatClock(block.startMin, locale)}–${formatClock(block.endMin, locale)}`;
  // A short block hides its time (CSS): a status it shows then comes before the time, in the name as
  // on the block, so the visible words stay the start of the accessible name (axe's
  // label-content-name-mismatch found "…, 8:45–9:15 AM, Completed" against "… Completed" shown).
  const short = block.endMin - block.startMin <= 30;
  const [name, typeName, status] = [patientName(appt), type?.name ?? "Appointment", STATUS_LABELS[appt.status]];
  const badge = appt.status !== "booked" ? <span className="badge cal-block-status">{status}</span> : null;
  const statusFirst = short && badge !== null;
  const words = statusFirst ? [name, typeName, status, time] : [name, typeName, time, status];
  return (
    <button
      type="button"
      className={`cal-block cal-status-${appt.status}${short ? " cal-block-short" : ""}`}
      style={style}
      draggable={movable}
      data-appointment-id={appt.id}
      data-start-minute={block.startMin}
      aria-label={words.join(", ")}
      title={words.join(" · ")}
      onClick={() => onOpen(appt.id)}
      onDragStart={(e) => {
        const durationMin = Math.round((appt.endsAt.getTime() - appt.startsAt.getTime()) / 60_000);
        const grabMin = Math.floor((e.clientY - e.currentTarget.getBoundingClientRect().top) / ROW_PX) * STEP;
        drag.current = {
          id: appt.id,
          laneKey,
          startMin: block.startMin,
          durationMin,
          grabMin: Math.min(grabMin, Math.max(0, durationMin - STEP)),
        };
        e.dataTransfer.setData("text/plain", appt.id);
        e.dataTransfer.effectAllowed = "move";
      }}
      onDragEnd={() => {
        drag.current = null;
        onDragEnd();
      }}
    >
      {/* The visible text reads in the order of the accessible name (name, type, time, status), so
          what a speech-input user says matches it; the status badge is placed at the top by CSS. */}
      {/* The spaces keep the words apart for assistive technology (flex layout ignores them). */}
      <span className="cal-block-top">
        <bdi className="cal-block-name">{name}</bdi>
      </span>{" "}
      <span className="cal-block-meta cal-block-type">{typeName}</span> {statusFirst ? <>{badge} </> : null}
      <span className="cal-block-meta cal-block-time">{time}</span>
      {badge && !statusFirst ? <> {badge}</> : null}
    </button>
  );
}

"use client";
// A week of days as buttons (one Tab stop; arrow keys, Home and End move between them), greyed
// when a day has no free time, with Earlier / Later paging up to the booking horizon.
import { useRef, type KeyboardEvent } from "react";
import type { FreeDay } from "@/server/booking/days";
import { dayButtonName, dayParts } from "./labels";

export function DateStrip(props: {
  days: FreeDay[] | null;
  selected: string | null;
  onSelect: (date: string) => void;
  canEarlier: boolean;
  canLater: boolean;
  onEarlier: () => void;
  onLater: () => void;
}) {
  const strip = useRef<HTMLDivElement>(null);
  const { days, selected } = props;
  const focusable = days?.some((d) => d.date === selected && d.free > 0)
    ? selected
    : (days?.find((d) => d.free > 0)?.date ?? null);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const buttons = [...(strip.current?.querySelectorAll<HTMLButtonElement>("button:not(:disabled)") ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0 || buttons.length === 0) return;
    const next =
      event.key === "ArrowRight" || event.key === "ArrowDown"
        ? Math.min(at + 1, buttons.length - 1)
        : event.key === "ArrowLeft" || event.key === "ArrowUp"
          ? Math.max(at - 1, 0)
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? buttons.length - 1
              : null;
    if (next === null) return;
    event.preventDefault();
    buttons[next]!.focus();
  }

  return (
    <div className="date-strip-row">
      <PageButton label="Earlier days" glyph="‹" enabled={props.canEarlier} onClick={props.onEarlier} />
      {days === null ? (
        <div className="date-strip" aria-busy="true" aria-label="Loading days">
          {Array.from({ length: 7 }, (_, i) => (
            <div key={i} className="skeleton date-skeleton" />
          ))}
        </div>
      ) : (
        <div className="date-strip" role="toolbar" aria-label="Days" ref={strip} onKeyDown={onKeyDown}>
          {days.map((d) => {
            const parts = dayParts(d.date);
            const chosen = d.date === selected;
            return (
              <button
                key={d.date}
                type="button"
                className={`date-button${chosen ? " chosen" : ""}`}
                aria-label={dayButtonName(d.date, d.free)}
                data-date={d.date}
                aria-pressed={chosen}
                disabled={d.free === 0}
                tabIndex={d.date === focusable ? 0 : -1}
                onClick={() => props.onSelect(d.date)}
              >
                <span className="date-weekday">{parts.weekday}</span>
                <span className="date-day">{parts.day}</span>
                <span className="date-month">{parts.month}</span>
              </button>
            );
          })}
        </div>
      )}
      <PageButton label="Later days" glyph="›" enabled={props.canLater} onClick={props.onLater} />
    </div>
  );
}

function PageButton(p: { label: string; glyph: string; enabled: boolean; onClick: () => void }) {
  return (
    <button
      type="button"
      className="btn btn-small date-page"
      onClick={p.onClick}
      disabled={!p.enabled}
      aria-label={p.label}
    >
      {p.glyph}
    </button>
  );
}

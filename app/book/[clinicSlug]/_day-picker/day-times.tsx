"use client";
// The chosen day's free times, grouped morning / afternoon / evening, as buttons.
import { byDayPart, DAY_PARTS } from "@/server/booking/days";
import { useClinicLocale } from "@/app/_components/clinic-locale";
import { dateLong, timeLabel } from "./labels";

export function DayTimes(props: {
  date: string;
  starts: Date[] | null;
  timeZone: string;
  selected: Date | null;
  disabled?: boolean;
  onSelect: (startsAt: Date) => void;
}) {
  const locale = useClinicLocale();
  if (props.starts === null)
    return (
      <div aria-busy="true" aria-label="Loading free times">
        <div className="skeleton" />
        <div className="skeleton" />
      </div>
    );
  if (props.starts.length === 0)
    return <p className="muted">No free times left on {dateLong(props.date)}. Please pick another day.</p>;
  const parts = byDayPart(props.starts, props.timeZone);
  return (
    <div className="day-times" data-date={props.date}>
      {DAY_PARTS.filter(({ part }) => parts[part].length > 0).map(({ part, label }) => (
        <div key={part} role="group" aria-labelledby={`times-${part}`} className="day-part">
          <h3 id={`times-${part}`} className="day-part-title">
            {label}
          </h3>
          <div className="slot-grid">
            {parts[part].map((s) => {
              const chosen = props.selected?.getTime() === s.getTime();
              return (
                <button
                  key={s.getTime()}
                  type="button"
                  className={`btn btn-small time-button${chosen ? " btn-primary" : ""}`}
                  aria-pressed={chosen}
                  disabled={props.disabled}
                  onClick={() => props.onSelect(s)}
                >
                  {timeLabel(s, props.timeZone, locale)}
                </button>
              );
            })}
          </div>
        </div>
      ))}
    </div>
  );
}

"use client";
// Above the grid: day/week, previous/today/next, the visible dates, whose week, cancelled on/off.
import type { Clinician, View } from "./model";
import { formatDate, formatRange } from "./time";

export function Toolbar(props: {
  view: View;
  dates: string[];
  timeZone: string;
  clinicians: Clinician[];
  clinicianId: string | null;
  showCancelled: boolean;
  onView: (v: View) => void;
  onStep: (direction: -1 | 0 | 1) => void;
  onDate: (date: string) => void;
  onClinician: (id: string) => void;
  onShowCancelled: (show: boolean) => void;
}) {
  const { view, dates, timeZone, clinicians } = props;
  const label = view === "day" ? formatDate(dates[0]!) : formatRange(dates[0]!, dates[dates.length - 1]!);
  const unit = view === "day" ? "day" : "week";
  return (
    <div className="cal-toolbar">
      <div className="actions">
        <div className="cal-segmented" role="group" aria-label="View">
          {(["day", "week"] as const).map((v) => (
            <button
              key={v}
              type="button"
              className="btn btn-small"
              aria-pressed={view === v}
              onClick={() => props.onView(v)}
            >
              {v === "day" ? "Day" : "Week"}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => props.onStep(-1)}
          aria-label={`Previous ${unit}`}
        >
          ‹ Previous
        </button>
        <button type="button" className="btn btn-small" onClick={() => props.onStep(0)}>
          Today
        </button>
        <button type="button" className="btn btn-small" onClick={() => props.onStep(1)} aria-label={`Next ${unit}`}>
          Next ›
        </button>
        <h2 className="cal-label" aria-live="polite" data-testid="calendar-range">
          {label}
        </h2>
      </div>
      <div className="actions">
        <label className="cal-inline">
          <span className="visually-hidden">Go to date</span>
          <input
            className="input"
            type="date"
            value={dates[0]}
            aria-label="Go to date"
            onChange={(e) => e.target.value && props.onDate(e.target.value)}
          />
        </label>
        {view === "week" && clinicians.length > 0 ? (
          <label className="cal-inline">
            Clinician
            <select
              className="input"
              value={props.clinicianId ?? clinicians[0]!.id}
              onChange={(e) => props.onClinician(e.target.value)}
            >
              {clinicians.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="cal-inline">
          <input
            type="checkbox"
            checked={props.showCancelled}
            onChange={(e) => props.onShowCancelled(e.target.checked)}
          />
          Show cancelled
        </label>
        <span className="muted cal-zone">Times in {timeZone}</span>
      </div>
    </div>
  );
}

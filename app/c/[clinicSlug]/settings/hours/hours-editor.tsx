"use client";
import type { WeeklyHours } from "@/db/schema";
import { DAY_KEYS, DAY_LABELS } from "@/server/clinic/schemas";

/** Edits a week of wall-clock intervals; several per day allowed, an empty day is closed. */
export function HoursEditor({
  value,
  onChange,
  idPrefix = "",
}: {
  value: WeeklyHours;
  onChange: (next: WeeklyHours) => void;
  idPrefix?: string;
}) {
  const setDay = (day: keyof WeeklyHours, intervals: WeeklyHours[typeof day]) =>
    onChange({ ...value, [day]: intervals });
  return (
    <>
      {DAY_KEYS.map((day) => (
        <fieldset className="hours-row" key={day} style={{ border: 0, margin: 0 }}>
          <legend className="visually-hidden">{DAY_LABELS[day]}</legend>
          <strong aria-hidden="true">{DAY_LABELS[day]}</strong>
          <div>
            {value[day].length === 0 ? (
              <p className="muted" style={{ margin: "0.3rem 0" }}>
                Closed
              </p>
            ) : null}
            {value[day].map((iv, i) => (
              <div className="interval" key={i}>
                <label className="visually-hidden" htmlFor={`${idPrefix}${day}-${i}-start`}>
                  {DAY_LABELS[day]} interval {i + 1} opens
                </label>
                <input
                  className="input"
                  id={`${idPrefix}${day}-${i}-start`}
                  type="time"
                  value={iv.start}
                  required
                  onChange={(e) =>
                    setDay(
                      day,
                      value[day].map((x, j) => (j === i ? { ...x, start: e.target.value } : x)),
                    )
                  }
                />
                <span aria-hidden="true">to</span>
                <label className="visually-hidden" htmlFor={`${idPrefix}${day}-${i}-end`}>
                  {DAY_LABELS[day]} interval {i + 1} closes
                </label>
                <input
                  className="input"
                  id={`${idPrefix}${day}-${i}-end`}
                  type="time"
                  value={iv.end}
                  required
                  onChange={(e) =>
                    setDay(
                      day,
                      value[day].map((x, j) => (j === i ? { ...x, end: e.target.value } : x)),
                    )
                  }
                />
                <button
                  type="button"
                  className="btn btn-small btn-danger"
                  aria-label={`Remove ${DAY_LABELS[day]} ${iv.start}–${iv.end}`}
                  onClick={() =>
                    setDay(
                      day,
                      value[day].filter((_, j) => j !== i),
                    )
                  }
                >
                  Remove
                </button>
              </div>
            ))}
            <button
              type="button"
              className="btn btn-small"
              aria-label={`Add hours on ${DAY_LABELS[day]}`}
              onClick={() => {
                const last = value[day].at(-1);
                setDay(day, [
                  ...value[day],
                  last
                    ? { start: last.end, end: last.end < "19:00" ? "19:00" : "23:59" }
                    : { start: "07:00", end: "19:00" },
                ]);
              }}
            >
              Add hours
            </button>
          </div>
        </fieldset>
      ))}
    </>
  );
}

"use client";
import { formatMoney } from "@/app/_lib/money";
import type { BookingClinic } from "../clinic-type";

/** Step 1: the appointment type, as radio cards. */
export function TypeStep(props: { clinic: BookingClinic; typeId: string | null; onChange: (typeId: string) => void }) {
  return (
    <section className="card" aria-labelledby="step-type">
      <h2 id="step-type">1. What would you like to book?</h2>
      <div className="choice-grid" role="radiogroup" aria-labelledby="step-type">
        {props.clinic.types.map((t) => (
          <label key={t.id} className={`choice${props.typeId === t.id ? " chosen" : ""}`}>
            <input
              type="radio"
              name="type"
              value={t.id}
              checked={props.typeId === t.id}
              onChange={() => props.onChange(t.id)}
            />
            <span>
              <strong>{t.name}</strong>
              <br />
              <span className="muted">
                {t.durationMinutes} minutes
                {t.priceMinor ? ` · ${formatMoney(t.priceMinor, props.clinic.currency, props.clinic.locale)}` : ""}
              </span>
            </span>
          </label>
        ))}
      </div>
    </section>
  );
}

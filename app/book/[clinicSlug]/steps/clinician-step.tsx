"use client";
import type { BookingClinic } from "../clinic-type";

/** Step 2: a clinician, or any available one. */
export function ClinicianStep(props: {
  clinic: BookingClinic;
  clinicianId: string;
  onChange: (clinicianId: string) => void;
}) {
  return (
    <section className="card" aria-labelledby="step-clinician">
      <h2 id="step-clinician">2. With whom?</h2>
      <div className="field" style={{ maxWidth: 360 }}>
        <label htmlFor="clinician">Clinician</label>
        <select id="clinician" value={props.clinicianId} onChange={(e) => props.onChange(e.target.value)}>
          <option value="any">Any available clinician</option>
          {props.clinic.clinicians.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
    </section>
  );
}

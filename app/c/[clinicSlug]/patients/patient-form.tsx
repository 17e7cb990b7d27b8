"use client";
import type { FormEvent } from "react";
import { Field } from "@/app/_components/field";
import { errorMessage, fieldErrors } from "@/app/_lib/trpc";
import type { PatientFields } from "@/server/patients/schemas";

export type PatientFormValues = {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  dateOfBirth: string | null;
  notes?: string | null;
};

export function PatientForm(props: {
  initial?: PatientFormValues;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (values: PatientFields) => void;
  onCancel?: () => void;
  /** Clinical notes are for clinicians and owners; the front desk's form leaves them out. */
  showNotes?: boolean;
}) {
  const showNotes = props.showNotes ?? true;
  const errors = fieldErrors(props.error);
  const v = props.initial;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const s = (k: string) => String(f.get(k) ?? "");
    props.onSubmit({
      firstName: s("firstName"),
      lastName: s("lastName"),
      email: s("email"),
      phone: s("phone"),
      dateOfBirth: s("dateOfBirth"),
      ...(showNotes ? { notes: s("notes") } : {}),
    });
  }
  return (
    <form className="form" onSubmit={submit} aria-label={props.submitLabel} noValidate>
      {props.error ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(props.error)}
        </div>
      ) : null}
      <div className="form-row">
        <Field
          label="First name"
          name="firstName"
          required
          defaultValue={v?.firstName}
          error={errors.firstName}
          autoComplete="off"
        />
        <Field
          label="Last name"
          name="lastName"
          required
          defaultValue={v?.lastName}
          error={errors.lastName}
          autoComplete="off"
        />
      </div>
      <div className="form-row">
        <Field
          label="Email"
          name="email"
          type="email"
          defaultValue={v?.email ?? ""}
          error={errors.email}
          autoComplete="off"
        />
        <Field
          label="Phone"
          name="phone"
          type="tel"
          defaultValue={v?.phone ?? ""}
          error={errors.phone}
          autoComplete="off"
        />
      </div>
      <Field
        label="Date of birth"
        name="dateOfBirth"
        type="date"
        defaultValue={v?.dateOfBirth ?? ""}
        error={errors.dateOfBirth}
      />
      {showNotes ? (
        <div className="field">
          <label htmlFor="field-notes">Notes</label>
          <textarea
            id="field-notes"
            name="notes"
            rows={3}
            defaultValue={v?.notes ?? ""}
            aria-invalid={errors.notes ? true : undefined}
          />
          {errors.notes ? (
            <span className="field-error" role="alert">
              {errors.notes}
            </span>
          ) : null}
        </div>
      ) : null}
      <div className="actions">
        <button className="btn btn-primary" type="submit" disabled={props.pending}>
          {props.pending ? "Saving…" : props.submitLabel}
        </button>
        {props.onCancel ? (
          <button className="btn" type="button" onClick={props.onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}

"use client";
// Step 4: the patient's details, checked field by field with the server's own schema. Nothing typed
// is lost on an error: the wizard keeps the values, and focus goes to the first field to fix.
import { forwardRef, useEffect, useState, type FormEvent } from "react";
import { Field } from "@/app/_components/field";
import { bookingDetailsSchema, type BookingDetails } from "@/server/booking/schemas";

export const DETAIL_FIELDS = ["firstName", "lastName", "email", "phone", "referralSource"] as const;
type DetailField = (typeof DETAIL_FIELDS)[number];
export type DetailErrors = Partial<Record<DetailField, string>>;
export const EMPTY_DETAILS: BookingDetails = { firstName: "", lastName: "", email: "", phone: "", referralSource: "" };

/** Every field's first problem under the shared schema (empty when the details can be sent). */
export function checkDetails(details: BookingDetails): DetailErrors {
  const parsed = bookingDetailsSchema.safeParse(details);
  const errors: DetailErrors = {};
  for (const issue of parsed.error?.issues ?? []) {
    const field = issue.path[0] as DetailField;
    errors[field] ??= issue.message;
  }
  return errors;
}

export const focusFirstError = (errors: DetailErrors) => {
  const first = DETAIL_FIELDS.find((f) => errors[f]);
  if (first) document.getElementById(`field-${first}`)?.focus();
  return Boolean(first);
};

type Props = {
  summary: string;
  details: BookingDetails;
  onChange: (details: BookingDetails) => void;
  /** Field errors the server answered (the same schema, so rare); each one replaces the field's own. */
  serverErrors: DetailErrors;
  referralSources: string[];
  pending: boolean;
  /** A problem that is not about one field (e.g. too many bookings). */
  problem: string | null;
  onSubmit: (details: BookingDetails) => void;
};

export const DetailsStep = forwardRef<HTMLHeadingElement, Props>(function DetailsStep(props, headingRef) {
  const [errors, setErrors] = useState<DetailErrors>({});
  const { details, serverErrors } = props;

  useEffect(() => {
    if (Object.keys(serverErrors).length === 0) return;
    setErrors(serverErrors);
    focusFirstError(serverErrors);
  }, [serverErrors]);

  const update = (field: DetailField, value: string) => {
    const next = { ...details, [field]: value };
    props.onChange(next);
    // A shown error goes away as soon as the field is right.
    if (errors[field]) setErrors((e) => ({ ...e, [field]: checkDetails(next)[field] }));
  };
  const check = (field: DetailField) => {
    if (!details[field] && !errors[field]) return;
    setErrors((e) => ({ ...e, [field]: checkDetails(details)[field] }));
  };
  const fieldProps = (field: DetailField) => ({
    name: field,
    value: details[field] ?? "",
    error: errors[field],
    onChange: (e: { target: { value: string } }) => update(field, e.target.value),
    onBlur: () => check(field),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = checkDetails(details);
    setErrors(found);
    if (focusFirstError(found)) return;
    props.onSubmit(details);
  }

  return (
    <section className="card" aria-labelledby="step-details">
      <h2 id="step-details" ref={headingRef} tabIndex={-1}>
        4. Your details
      </h2>
      <p>{props.summary}</p>
      <form className="form" onSubmit={submit} noValidate aria-labelledby="step-details">
        <div className="form-row">
          <Field label="First name" required autoComplete="given-name" {...fieldProps("firstName")} />
          <Field label="Last name" required autoComplete="family-name" {...fieldProps("lastName")} />
        </div>
        <Field
          label="Email"
          type="email"
          required
          autoComplete="email"
          inputMode="email"
          hint="We send your confirmation here."
          {...fieldProps("email")}
        />
        <Field label="Phone" type="tel" required autoComplete="tel" {...fieldProps("phone")} />
        {props.referralSources.length ? (
          <div className="field">
            <label htmlFor="field-referralSource">How did you hear about us? (optional)</label>
            <select
              id="field-referralSource"
              name="referralSource"
              value={details.referralSource ?? ""}
              onChange={(e) => update("referralSource", e.target.value)}
            >
              <option value="">Prefer not to say</option>
              {props.referralSources.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          </div>
        ) : null}
        {props.problem ? (
          <div className="alert alert-error" role="alert">
            {props.problem}
          </div>
        ) : null}
        <div>
          <button className="btn btn-primary" type="submit" disabled={props.pending}>
            {props.pending ? "Booking…" : "Book appointment"}
          </button>
        </div>
      </form>
    </section>
  );
});

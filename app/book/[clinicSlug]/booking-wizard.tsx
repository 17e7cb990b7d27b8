"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Field } from "@/app/_components/field";
import { errorMessage, fieldErrors, useTRPC } from "@/app/_lib/trpc";
import { zoneName } from "@/server/scheduling/format";
import { SlotPicker } from "./slot-picker";

type Clinic = {
  slug: string;
  name: string;
  timeZone: string;
  maxAdvanceDays: number;
  types: { id: string; name: string; durationMinutes: number; priceMinor: number }[];
  clinicians: { id: string; name: string }[];
  referralSources: string[];
};

const zoneLabel = (timeZone: string) => `${zoneName(new Date(), timeZone)} (${timeZone.replaceAll("_", " ")})`;

export function BookingWizard({ clinic }: { clinic: Clinic }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [typeId, setTypeId] = useState<string | null>(clinic.types.length === 1 ? clinic.types[0]!.id : null);
  const [clinicianId, setClinicianId] = useState("any");
  const [startsAt, setStartsAt] = useState<Date | null>(null);
  const book = useMutation(
    trpc.booking.book.mutationOptions({
      onError: async () => {
        setStartsAt(null);
        await queryClient.invalidateQueries({ queryKey: trpc.booking.slots.queryKey() });
      },
    }),
  );
  const errors = fieldErrors(book.error);
  const type = clinic.types.find((t) => t.id === typeId);
  const when = (d: Date) =>
    new Intl.DateTimeFormat("en-US", { timeZone: clinic.timeZone, dateStyle: "full", timeStyle: "short" }).format(d);

  if (book.data) {
    return (
      <section className="card" aria-labelledby="done-h">
        <h2 id="done-h">You&apos;re booked</h2>
        <p role="status">
          <strong>{book.data.typeName}</strong> with {book.data.clinicianName}
          <br />
          {book.data.whenLabel}
        </p>
        <p>
          We&apos;ve emailed you a confirmation with a calendar file. To cancel or change the time, use the link in that
          email or:
        </p>
        {/* A full page load, not a client-side one: the booking page's tags must not run on the manage page. */}
        <a className="btn" href={`/book/${clinic.slug}/manage/${book.data.manageToken}`}>
          Manage this appointment
        </a>
      </section>
    );
  }

  if (clinic.types.length === 0 || clinic.clinicians.length === 0) {
    return (
      <section className="card empty">
        <h2>Online booking is not open yet</h2>
        <p>Please call the clinic to book.</p>
      </section>
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!typeId || !startsAt) return;
    const f = new FormData(event.currentTarget);
    const s = (k: string) => String(f.get(k) ?? "");
    book.mutate({
      slug: clinic.slug,
      typeId,
      clinicianId,
      startsAt,
      firstName: s("firstName"),
      lastName: s("lastName"),
      email: s("email"),
      phone: s("phone"),
      referralSource: s("referralSource") || undefined,
    });
  }

  return (
    <div>
      {book.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(book.error)}
        </div>
      ) : null}
      <section className="card" aria-labelledby="step1">
        <h2 id="step1">1. What would you like to book?</h2>
        <div className="choice-grid" role="radiogroup" aria-labelledby="step1">
          {clinic.types.map((t) => (
            <label key={t.id} className={`choice${typeId === t.id ? " chosen" : ""}`}>
              <input
                type="radio"
                name="type"
                value={t.id}
                checked={typeId === t.id}
                onChange={() => {
                  setTypeId(t.id);
                  setStartsAt(null);
                }}
              />
              <span>
                <strong>{t.name}</strong>
                <br />
                <span className="muted">
                  {t.durationMinutes} minutes{t.priceMinor ? ` · $${(t.priceMinor / 100).toFixed(0)}` : ""}
                </span>
              </span>
            </label>
          ))}
        </div>
      </section>
      {type ? (
        <section className="card" aria-labelledby="step2">
          <h2 id="step2">2. With whom?</h2>
          <div className="field" style={{ maxWidth: 360 }}>
            <label htmlFor="clinician">Clinician</label>
            <select
              id="clinician"
              value={clinicianId}
              onChange={(e) => {
                setClinicianId(e.target.value);
                setStartsAt(null);
              }}
            >
              <option value="any">Any available clinician</option>
              {clinic.clinicians.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        </section>
      ) : null}
      {type ? (
        <section className="card" aria-labelledby="step3">
          <h2 id="step3">3. Pick a time</h2>
          <SlotPicker
            slug={clinic.slug}
            typeId={type.id}
            clinicianId={clinicianId}
            timeZone={clinic.timeZone}
            zoneLabel={zoneLabel(clinic.timeZone)}
            maxAdvanceDays={clinic.maxAdvanceDays}
            selected={startsAt}
            onSelect={setStartsAt}
          />
        </section>
      ) : null}
      {type && startsAt ? (
        <section className="card" aria-labelledby="step4">
          <h2 id="step4">4. Your details</h2>
          <p>
            {type.name} on <strong>{when(startsAt)}</strong> ({clinic.timeZone.replaceAll("_", " ")} time)
          </p>
          <form className="form" onSubmit={submit} noValidate>
            <div className="form-row">
              <Field label="First name" name="firstName" required autoComplete="given-name" error={errors.firstName} />
              <Field label="Last name" name="lastName" required autoComplete="family-name" error={errors.lastName} />
            </div>
            <Field
              label="Email"
              name="email"
              type="email"
              required
              autoComplete="email"
              error={errors.email}
              hint="We send your confirmation here."
            />
            <Field label="Phone" name="phone" type="tel" required autoComplete="tel" error={errors.phone} />
            {clinic.referralSources.length ? (
              <div className="field">
                <label htmlFor="field-referralSource">How did you hear about us? (optional)</label>
                <select id="field-referralSource" name="referralSource" defaultValue="">
                  <option value="">Prefer not to say</option>
                  {clinic.referralSources.map((r) => (
                    <option key={r}>{r}</option>
                  ))}
                </select>
              </div>
            ) : null}
            <div>
              <button className="btn btn-primary" type="submit" disabled={book.isPending}>
                {book.isPending ? "Booking…" : "Book appointment"}
              </button>
            </div>
          </form>
        </section>
      ) : null}
    </div>
  );
}

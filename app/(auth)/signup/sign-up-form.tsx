"use client";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import { Field } from "@/app/_components/field";
import { browserTimeZone, timeZoneOptions } from "@/app/_components/time-zones";
import { errorMessage, fieldErrors, useTRPC } from "@/app/_lib/trpc";

const slugify = (name: string) =>
  name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);

export function SignUpForm({ outbox = false }: { outbox?: boolean }) {
  const trpc = useTRPC();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [clinicName, setClinicName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugTouched, setSlugTouched] = useState(false);
  const [timeZone, setTimeZone] = useState("America/Los_Angeles");
  const [zones, setZones] = useState<string[]>(["America/Los_Angeles"]);
  const signUp = useMutation(trpc.auth.signUp.mutationOptions());
  const errors = fieldErrors(signUp.error);

  useEffect(() => {
    const zone = browserTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
    setZones(timeZoneOptions([zone]));
    setTimeZone(zone);
  }, []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email"));
    const password = String(form.get("password"));
    const answered = await signUp
      .mutateAsync({ clinicName, slug, timeZone, ownerName: String(form.get("ownerName")), email, password })
      .catch(() => null);
    if (answered) setSentTo(email);
  }

  // The same page whether or not the email already has an account: the email says which.
  if (sentTo) {
    return (
      <div role="status" className="signup-sent">
        <h2>Check your email to continue</h2>
        <p>
          We sent a message to <strong>{sentTo}</strong>. Open the link in it to finish; it works once, for 24 hours.
        </p>
        {outbox ? (
          <p className="muted">
            Development: the message is in the <a href="/dev/outbox">mail outbox</a>.
          </p>
        ) : null}
      </div>
    );
  }

  return (
    <form className="form" onSubmit={onSubmit} aria-label="Create your clinic" noValidate>
      {signUp.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(signUp.error)}
        </div>
      ) : null}
      <Field
        label="Clinic name"
        name="clinicName"
        required
        value={clinicName}
        error={errors.clinicName}
        onChange={(e) => {
          setClinicName(e.target.value);
          if (!slugTouched) setSlug(slugify(e.target.value));
        }}
      />
      <Field
        label="Clinic address on Junction"
        name="slug"
        required
        value={slug}
        error={errors.slug}
        hint={`Patients book at /book/${slug || "your-clinic"}`}
        onChange={(e) => {
          setSlugTouched(true);
          setSlug(e.target.value);
        }}
      />
      <div className="field">
        <label htmlFor="field-timeZone">Time zone</label>
        <select
          id="field-timeZone"
          name="timeZone"
          value={timeZone}
          onChange={(e) => setTimeZone(e.target.value)}
          aria-invalid={errors.timeZone ? true : undefined}
        >
          {zones.map((z) => (
            <option key={z} value={z}>
              {z.replaceAll("_", " ")}
            </option>
          ))}
        </select>
        {errors.timeZone ? (
          <span className="field-error" role="alert">
            {errors.timeZone}
          </span>
        ) : null}
      </div>
      <Field label="Your name" name="ownerName" required autoComplete="name" error={errors.ownerName} />
      <Field label="Your email" name="email" type="email" required autoComplete="email" error={errors.email} />
      <Field
        label="Password"
        name="password"
        type="password"
        required
        minLength={10}
        autoComplete="new-password"
        error={errors.password}
        hint="At least 10 characters."
      />
      <button className="btn btn-primary" type="submit" disabled={signUp.isPending}>
        {signUp.isPending ? "Sending…" : "Create clinic"}
      </button>
    </form>
  );
}

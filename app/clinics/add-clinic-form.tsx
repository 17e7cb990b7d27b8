"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field } from "@/app/_components/field";
import { browserTimeZone } from "@/app/_components/time-zones";
import { errorMessage, fieldErrors, useTRPC } from "@/app/_lib/trpc";

export function AddClinicForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const [timeZone] = useState(() => browserTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone));
  const add = useMutation(trpc.me.addClinic.mutationOptions({ onSuccess: (c) => router.push(`/c/${c.slug}`) }));
  const errors = fieldErrors(add.error);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    add.mutate({
      clinicName: String(form.get("clinicName")),
      slug: String(form.get("slug")),
      timeZone: String(form.get("timeZone")),
    });
  }
  return (
    <form className="form" onSubmit={onSubmit} aria-label="Add a clinic">
      {add.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(add.error)}
        </div>
      ) : null}
      <Field label="Clinic name" name="clinicName" required error={errors.clinicName} />
      <Field
        label="Clinic address on Junction"
        name="slug"
        required
        error={errors.slug}
        hint="Lowercase letters, digits and dashes."
      />
      <Field
        label="Time zone"
        name="timeZone"
        required
        defaultValue={timeZone}
        error={errors.timeZone}
        hint="An IANA zone such as America/Los_Angeles."
      />
      <button className="btn btn-primary" type="submit" disabled={add.isPending}>
        {add.isPending ? "Creating…" : "Create clinic"}
      </button>
    </form>
  );
}

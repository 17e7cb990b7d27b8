"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import { Field } from "@/app/_components/field";
import { timeZoneOptions } from "@/app/_components/time-zones";
import { CURRENCIES, type Currency } from "@/app/_lib/money";
import { errorMessage, fieldErrors, useTRPC } from "@/app/_lib/trpc";
import { CLINIC_LOCALES, localeLabel, type ClinicLocale } from "@/server/scheduling/format";

type Profile = {
  name: string;
  timeZone: string;
  locale: ClinicLocale;
  currency: string;
  email: string;
  phone: string;
  address: string;
};

export function ProfileForm({ initial }: { initial: Profile }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [zones, setZones] = useState<string[]>([initial.timeZone]);
  const save = useMutation(trpc.clinic.updateProfile.mutationOptions({ onSuccess: () => router.refresh() }));
  const errors = fieldErrors(save.error);
  useEffect(() => setZones(timeZoneOptions([initial.timeZone])), [initial.timeZone]);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const s = (k: string) => String(f.get(k) ?? "");
    save.mutate({
      name: s("name"),
      timeZone: s("timeZone"),
      locale: s("locale") as ClinicLocale,
      currency: s("currency") as Currency,
      email: s("email"),
      phone: s("phone"),
      address: s("address"),
    });
  }
  return (
    <form className="form" onSubmit={onSubmit} aria-label="Clinic profile" noValidate>
      {save.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(save.error)}
        </div>
      ) : null}
      {save.isSuccess ? (
        <div className="alert alert-ok" role="status">
          Profile saved.
        </div>
      ) : null}
      <Field label="Clinic name" name="name" required defaultValue={initial.name} error={errors.name} />
      <div className="field">
        <label htmlFor="field-timeZone">Time zone</label>
        <select id="field-timeZone" name="timeZone" defaultValue={initial.timeZone} aria-describedby="tz-hint">
          {zones.map((z) => (
            <option key={z} value={z}>
              {z.replaceAll("_", " ")}
            </option>
          ))}
        </select>
        <span className="hint" id="tz-hint">
          Opening hours, appointments and reminders use this zone.
        </span>
        {errors.timeZone ? (
          <span className="field-error" role="alert">
            {errors.timeZone}
          </span>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="field-locale">Dates and times</label>
        <select id="field-locale" name="locale" defaultValue={initial.locale} aria-describedby="locale-hint">
          {CLINIC_LOCALES.map((l) => (
            <option key={l} value={l}>
              {localeLabel(l)}
            </option>
          ))}
        </select>
        <span className="hint" id="locale-hint">
          How the calendar, emails and patient pages write dates and times (12- or 24-hour clock).
        </span>
        {errors.locale ? (
          <span className="field-error" role="alert">
            {errors.locale}
          </span>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="field-currency">Currency</label>
        <select id="field-currency" name="currency" defaultValue={initial.currency} aria-describedby="currency-hint">
          {CURRENCIES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        <span className="hint" id="currency-hint">
          Prices, deposits and payments are in this currency.
        </span>
        {errors.currency ? (
          <span className="field-error" role="alert">
            {errors.currency}
          </span>
        ) : null}
      </div>
      <div className="form-row">
        <Field label="Email" name="email" type="email" defaultValue={initial.email} error={errors.email} />
        <Field label="Phone" name="phone" type="tel" defaultValue={initial.phone} error={errors.phone} />
      </div>
      <Field label="Address" name="address" defaultValue={initial.address} error={errors.address} />
      <div>
        <button className="btn btn-primary" type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save profile"}
        </button>
      </div>
    </form>
  );
}

"use client";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { AppointmentType } from "@/db/schema";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";

function readType(form: HTMLFormElement) {
  const f = new FormData(form);
  return {
    name: String(f.get("name") ?? ""),
    durationMinutes: Number(f.get("duration")),
    bufferMinutes: Number(f.get("buffer")),
    priceMinor: Math.round(Number(f.get("price")) * 100),
    color: String(f.get("color")),
    onlineBookable: f.get("online") === "on",
    active: f.get("active") === "on",
  };
}

function TypeFields({ t, prefix }: { t?: AppointmentType; prefix: string }) {
  return (
    <div className="type-fields">
      <div className="field">
        <label htmlFor={`${prefix}-name`}>Name</label>
        <input id={`${prefix}-name`} name="name" defaultValue={t?.name} required />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-duration`}>Minutes</label>
        <input
          id={`${prefix}-duration`}
          name="duration"
          type="number"
          min={5}
          max={480}
          defaultValue={t?.durationMinutes ?? 45}
        />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-buffer`}>Buffer after</label>
        <input
          id={`${prefix}-buffer`}
          name="buffer"
          type="number"
          min={0}
          max={240}
          defaultValue={t?.bufferMinutes ?? 0}
        />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-price`}>Price ($)</label>
        <input
          id={`${prefix}-price`}
          name="price"
          type="number"
          min={0}
          step={0.01}
          defaultValue={(t?.priceMinor ?? 0) / 100}
        />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-color`}>Colour</label>
        <input id={`${prefix}-color`} name="color" type="color" defaultValue={t?.color ?? "#0f766e"} />
      </div>
      <label className="check">
        <input name="online" type="checkbox" defaultChecked={t?.onlineBookable ?? true} /> Patients may book online
      </label>
      <label className="check">
        <input name="active" type="checkbox" defaultChecked={t?.active ?? true} /> Offered
      </label>
    </div>
  );
}

export function AppointmentTypes({
  types,
  onChanged,
}: {
  types: AppointmentType[];
  onChanged: () => Promise<unknown>;
}) {
  const trpc = useTRPC();
  const [notice, setNotice] = useState<string | null>(null);
  const create = useMutation(
    trpc.scheduling.createType.mutationOptions({
      onSuccess: async (t) => {
        setNotice(`Added ${t.name}.`);
        await onChanged();
      },
    }),
  );
  const update = useMutation(
    trpc.scheduling.updateType.mutationOptions({
      onSuccess: async (t) => {
        setNotice(`Saved ${t.name}.`);
        await onChanged();
      },
    }),
  );
  const error = create.error ?? update.error;
  return (
    <section className="card" aria-labelledby="types-h">
      <h2 id="types-h">Appointment types</h2>
      {notice ? (
        <div className="alert alert-ok" role="status">
          {notice}
        </div>
      ) : null}
      {error ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(error)}
        </div>
      ) : null}
      {types.map((t) => (
        <form
          key={t.id}
          className="type-row"
          aria-label={`Appointment type ${t.name}`}
          onSubmit={(e: FormEvent<HTMLFormElement>) => {
            e.preventDefault();
            setNotice(null);
            update.mutate({ id: t.id, ...readType(e.currentTarget) });
          }}
        >
          <span className="type-swatch" style={{ background: t.color }} aria-hidden="true" />
          <TypeFields t={t} prefix={`type-${t.id}`} />
          <button className="btn btn-small" type="submit" disabled={update.isPending}>
            Save
          </button>
        </form>
      ))}
      <h3 style={{ marginTop: "1rem" }}>Add a type</h3>
      <form
        className="type-row"
        aria-label="Add an appointment type"
        onSubmit={(e: FormEvent<HTMLFormElement>) => {
          e.preventDefault();
          setNotice(null);
          const form = e.currentTarget;
          create.mutate(readType(form), { onSuccess: () => form.reset() });
        }}
      >
        <span className="type-swatch" aria-hidden="true" />
        <TypeFields prefix="new-type" />
        <button className="btn btn-small btn-primary" type="submit" disabled={create.isPending}>
          Add
        </button>
      </form>
    </section>
  );
}

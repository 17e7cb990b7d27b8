"use client";
// Choosing the patient for a booking: search the clinic's patients, or add one inline.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { Field } from "@/app/_components/field";
import { errorMessage, fieldErrors, useTRPC } from "@/app/_lib/trpc";
import { PersonName } from "@/app/_components/person-name";

export type PickedPatient = { id: string; name: string; email: string | null };

/** The same test the sender applies (server/messages/deliver.ts), loosely: something@something.tld. */
const looksLikeEmail = (email: string | null) => Boolean(email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()));

export function PatientPicker({
  value,
  onChange,
}: {
  value: PickedPatient | null;
  onChange: (p: PickedPatient | null) => void;
}) {
  const [adding, setAdding] = useState(false);
  if (value) {
    return (
      <div className="cal-picked">
        <span>
          Patient: <strong>{value.name}</strong>
          {!looksLikeEmail(value.email) ? (
            <span className="cal-no-email" role="note">
              {" "}
              · {value.email ? "their email address is not valid" : "no email address on file"}: no confirmation or
              reminders will be sent.
            </span>
          ) : null}
        </span>
        <button type="button" className="btn btn-small" onClick={() => onChange(null)}>
          Change patient
        </button>
      </div>
    );
  }
  return adding ? (
    <NewPatient onCreated={onChange} onCancel={() => setAdding(false)} />
  ) : (
    <PatientSearch onPick={onChange} onNew={() => setAdding(true)} />
  );
}

function PatientSearch({ onPick, onNew }: { onPick: (p: PickedPatient) => void; onNew: () => void }) {
  const trpc = useTRPC();
  const [input, setInput] = useState("");
  const [search, setSearch] = useState("");
  useEffect(() => {
    const t = setTimeout(() => setSearch(input.trim()), 200);
    return () => clearTimeout(t);
  }, [input]);
  const list = useQuery({
    ...trpc.patients.list.queryOptions({ search: search || undefined, limit: 8 }),
    placeholderData: keepPreviousData,
  });
  const patients = list.data?.patients ?? [];
  // The matches are one Tab stop away at most (the search box); arrow keys move through them.
  const results = useRef<HTMLUListElement>(null);
  function moveInResults(e: KeyboardEvent<HTMLUListElement>) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    e.preventDefault();
    const buttons = Array.from(e.currentTarget.querySelectorAll<HTMLButtonElement>("button"));
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = at + (e.key === "ArrowDown" ? 1 : -1);
    if (next < 0) document.getElementById("cal-patient-search")?.focus();
    else buttons[Math.min(next, buttons.length - 1)]?.focus();
  }
  return (
    <div className="cal-patient-search">
      {/* "New patient" beside the search box, not under the matches: their arrival would move it under the pointer */}
      <div className="cal-search-row">
        <div className="field">
          <label htmlFor="cal-patient-search">Patient</label>
          <input
            id="cal-patient-search"
            type="search"
            placeholder="Search by name, email or phone"
            autoComplete="off"
            data-autofocus
            autoFocus
            value={input}
            onChange={(e) => setInput(e.target.value)}
            aria-describedby="cal-patient-search-hint"
            onKeyDown={(e) => {
              if (e.key === "Enter" && patients.length > 0) {
                e.preventDefault();
                const p = patients[0]!;
                onPick({ id: p.id, name: `${p.firstName} ${p.lastName}`, email: p.email });
              } else if (e.key === "ArrowDown" && patients.length > 0) {
                e.preventDefault();
                results.current?.querySelector<HTMLButtonElement>("button")?.focus();
              }
            }}
          />
        </div>
        <button type="button" className="btn btn-small" onClick={onNew}>
          New patient
        </button>
      </div>
      {list.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(list.error)}
        </div>
      ) : null}
      <p id="cal-patient-search-hint" className="visually-hidden">
        Enter picks the first match; the down arrow moves through the matches.
      </p>
      <ul
        ref={results}
        className="cal-results"
        aria-label="Search results"
        aria-busy={list.isFetching}
        onKeyDown={moveInResults}
      >
        {patients.map((p) => (
          <li key={p.id}>
            <button
              type="button"
              tabIndex={-1}
              className="cal-result"
              onClick={() => onPick({ id: p.id, name: `${p.firstName} ${p.lastName}`, email: p.email })}
            >
              <strong>
                <PersonName first={p.firstName} last={p.lastName} order="last-first" />
              </strong>
              <span className="muted">{[p.email, p.phone, p.dateOfBirth].filter(Boolean).join(" · ")}</span>
            </button>
          </li>
        ))}
        {list.data && patients.length === 0 ? <li className="muted">No patients match “{search}”.</li> : null}
      </ul>
    </div>
  );
}

function NewPatient({ onCreated, onCancel }: { onCreated: (p: PickedPatient) => void; onCancel: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(
    trpc.patients.create.mutationOptions({
      onSuccess: async (p) => {
        onCreated({ id: p.id, name: `${p.firstName} ${p.lastName}`, email: p.email });
        await queryClient.invalidateQueries({ queryKey: trpc.patients.list.queryKey() });
      },
    }),
  );
  const errors = fieldErrors(create.error);
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const s = (k: string) => String(f.get(k) ?? "");
    create.mutate({ firstName: s("firstName"), lastName: s("lastName"), email: s("email"), phone: s("phone") });
  }
  return (
    <form className="cal-new-patient" onSubmit={submit} aria-label="New patient" noValidate>
      <h3>New patient</h3>
      {create.error ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(create.error)}
        </div>
      ) : null}
      <div className="form-row">
        <Field
          id="cal-np-first"
          label="First name"
          name="firstName"
          required
          error={errors.firstName}
          autoComplete="off"
          autoFocus
        />
        <Field id="cal-np-last" label="Last name" name="lastName" required error={errors.lastName} autoComplete="off" />
      </div>
      <div className="form-row">
        <Field id="cal-np-email" label="Email" name="email" type="email" error={errors.email} autoComplete="off" />
        <Field id="cal-np-phone" label="Phone" name="phone" type="tel" error={errors.phone} autoComplete="off" />
      </div>
      <div className="actions">
        <button type="submit" className="btn btn-small btn-primary" disabled={create.isPending}>
          {create.isPending ? "Adding…" : "Add patient"}
        </button>
        <button type="button" className="btn btn-small" onClick={onCancel}>
          Back to search
        </button>
      </div>
    </form>
  );
}

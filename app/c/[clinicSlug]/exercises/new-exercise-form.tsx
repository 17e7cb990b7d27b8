"use client";
// A clinic's own exercise: the same fields as the library's, one instruction per line.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { Field } from "@/app/_components/field";
import { CATEGORY_LABELS } from "@/app/_components/exercises/dosage";
import { errorMessage, fieldErrors, useTRPC } from "@/app/_lib/trpc";

const REGIONS = ["thoracic", "thoracolumbar", "lumbar", "hip", "groin", "knee", "shoulder", "neck", "ankle"] as const;
const lines = (v: FormDataEntryValue | null) =>
  String(v ?? "")
    .split("\n")
    .map((s) => s.trim())
    .filter(Boolean);
const list = (v: FormDataEntryValue | null) =>
  String(v ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
const numberOrNull = (v: FormDataEntryValue | null) => (String(v ?? "").trim() === "" ? null : Number(v));

export function NewExerciseForm({ onCreated, onCancel }: { onCreated: (name: string) => void; onCancel: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(
    trpc.exercises.create.mutationOptions({
      onSuccess: async (x) => {
        await queryClient.invalidateQueries({ queryKey: trpc.exercises.pathKey() });
        onCreated(x.name);
      },
    }),
  );
  const errors = fieldErrors(create.error);
  const err = (prefix: string) => Object.entries(errors).find(([k]) => k === prefix || k.startsWith(`${prefix}.`))?.[1];
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    create.mutate({
      name: String(f.get("name") ?? ""),
      purpose: String(f.get("purpose") ?? ""),
      steps: lines(f.get("steps")),
      cues: lines(f.get("cues")),
      mistakes: lines(f.get("mistakes")),
      precautions: lines(f.get("precautions")),
      regions: f.getAll("regions").map(String) as (typeof REGIONS)[number][],
      category: String(f.get("category") ?? "mobility") as "mobility",
      equipment: list(f.get("equipment")),
      difficulty: Number(f.get("difficulty") ?? 1) as 1,
      dosage: {
        sets: Number(f.get("sets")),
        reps: numberOrNull(f.get("reps")),
        holdSeconds: numberOrNull(f.get("holdSeconds")),
        side: String(f.get("side") ?? "none") as "none",
        timesPerDay: Number(f.get("timesPerDay")),
        daysPerWeek: Number(f.get("daysPerWeek")),
      },
      imageUrl: String(f.get("imageUrl") ?? "").trim() || null,
      videoUrl: String(f.get("videoUrl") ?? "").trim() || null,
    });
  }
  const area = (name: string, label: string, hint: string) => (
    <div className="field">
      <label htmlFor={`nx-${name}`}>{label}</label>
      <textarea
        id={`nx-${name}`}
        name={name}
        rows={3}
        aria-invalid={err(name) ? true : undefined}
        aria-describedby={`nx-${name}-hint`}
      />
      <span className="hint" id={`nx-${name}-hint`}>
        {hint}
      </span>
      {err(name) ? (
        <span className="field-error" role="alert">
          {err(name)}
        </span>
      ) : null}
    </div>
  );
  return (
    <form onSubmit={submit} noValidate aria-label="New exercise">
      {create.error ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(create.error)}
        </div>
      ) : null}
      <div className="form-row">
        <Field id="nx-name" label="Name" name="name" required error={err("name")} />
        <Field id="nx-purpose" label="Purpose (one sentence)" name="purpose" required error={err("purpose")} />
      </div>
      {area("steps", "Steps", "One step per line.")}
      <div className="form-row">
        {area("cues", "Coaching cues", "One per line.")}
        {area("mistakes", "Common mistakes", "One per line.")}
      </div>
      {area("precautions", "Precautions", "One per line (optional).")}
      <fieldset className="field">
        <legend>Body regions</legend>
        <div className="ex-checks">
          {REGIONS.map((r) => (
            <label key={r}>
              <input type="checkbox" name="regions" value={r} /> {r}
            </label>
          ))}
        </div>
        {err("regions") ? (
          <span className="field-error" role="alert">
            {err("regions")}
          </span>
        ) : null}
      </fieldset>
      <div className="form-row">
        <div className="field">
          <label htmlFor="nx-category">Category</label>
          <select id="nx-category" name="category">
            {Object.entries(CATEGORY_LABELS).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="nx-difficulty">Difficulty</label>
          <select id="nx-difficulty" name="difficulty">
            <option value="1">1 — easy</option>
            <option value="2">2 — moderate</option>
            <option value="3">3 — hard</option>
          </select>
        </div>
      </div>
      <Field
        id="nx-equipment"
        label="Equipment"
        name="equipment"
        hint="Comma-separated, e.g. band, mat. Leave empty for none."
        error={err("equipment")}
      />
      <fieldset className="field">
        <legend>Default dosage</legend>
        <div className="ex-dosage-row">
          <Field
            id="nx-sets"
            label="Sets"
            name="sets"
            type="number"
            min={1}
            max={20}
            defaultValue={3}
            error={err("dosage.sets")}
          />
          <Field
            id="nx-reps"
            label="Reps"
            name="reps"
            type="number"
            min={1}
            max={300}
            defaultValue={10}
            error={err("dosage.reps")}
          />
          <Field
            id="nx-hold"
            label="Hold (s)"
            name="holdSeconds"
            type="number"
            min={0}
            max={600}
            error={err("dosage.holdSeconds")}
          />
          <div className="field">
            <label htmlFor="nx-side">Side</label>
            <select id="nx-side" name="side">
              <option value="none">—</option>
              <option value="both">each side</option>
              <option value="alternating">alternating</option>
              <option value="left">left</option>
              <option value="right">right</option>
            </select>
          </div>
          <Field
            id="nx-tpd"
            label="Times a day"
            name="timesPerDay"
            type="number"
            min={1}
            max={5}
            defaultValue={1}
            error={err("dosage.timesPerDay")}
          />
          <Field
            id="nx-dpw"
            label="Days a week"
            name="daysPerWeek"
            type="number"
            min={1}
            max={7}
            defaultValue={5}
            error={err("dosage.daysPerWeek")}
          />
        </div>
      </fieldset>
      <div className="form-row">
        <Field id="nx-image" label="Picture URL (optional)" name="imageUrl" type="url" error={err("imageUrl")} />
        <Field id="nx-video" label="Video link (optional)" name="videoUrl" type="url" error={err("videoUrl")} />
      </div>
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {create.isPending ? "Adding…" : "Add exercise"}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

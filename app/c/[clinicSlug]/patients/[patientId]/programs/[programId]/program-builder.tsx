"use client";
// The prescription builder: exercises added by search, grouped into phases, reordered by drag
// and drop or from the keyboard (Alt+↑/↓ on an exercise), dosage, an instruction for the patient
// and a note for clinicians per exercise, when each phase starts, start date and frequency, a preview of what the patient will see, then save and assign. Saves carry
// the revision they started from, so a colleague's newer save is never overwritten silently.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from "react";
import { Dialog } from "@/app/_components/dialog";
import { dosageText, type Dosage } from "@/app/_components/exercises/dosage";
import { ExerciseSearch } from "@/app/_components/exercises/exercise-search";
import { PlanView } from "@/app/_components/program/plan-view";
import { errorMessage, fieldErrors, useTRPC } from "@/app/_lib/trpc";
import type { AppRouter } from "@/server/root";
import { addItem, itemCount, moveItem, newKey, removeItem, stepItem, updateItem, type Draft, type Spot } from "./model";
import { PhaseStartFields } from "./phase-start";

type Program = inferRouterOutputs<AppRouter>["programs"]["get"];

function toDraft(p: Program): Draft {
  return {
    title: p.title,
    startDate: p.startDate,
    daysPerWeek: p.daysPerWeek,
    phases: p.phases.map((ph) => ({
      key: newKey("p"),
      title: ph.title,
      notes: ph.notes ?? "",
      startWeek: ph.startWeek === null ? "" : String(ph.startWeek),
      startDate: ph.startDate ?? "",
      items: ph.items.map((it) => ({
        key: newKey("i"),
        exercise: it.exercise,
        dosage: it.dosage,
        note: it.note ?? "",
        clinicianNote: it.clinicianNote ?? "",
      })),
    })),
  };
}

function toInput(d: Draft) {
  return {
    title: d.title.trim(),
    startDate: d.startDate,
    daysPerWeek: d.daysPerWeek,
    phases: d.phases.map((p, index) => ({
      title: p.title.trim(),
      notes: p.notes.trim() || null,
      startWeek: index > 0 && p.startWeek?.trim() ? Number(p.startWeek) : null,
      startDate: index > 0 && p.startDate ? p.startDate : null,
      items: p.items.map((i) => ({
        exerciseId: i.exercise.id,
        dosage: i.dosage,
        note: i.note.trim() || null,
        clinicianNote: i.clinicianNote?.trim() || null,
      })),
    })),
  };
}

export function ProgramBuilder(props: {
  slug: string;
  patientId: string;
  programId: string | null;
  today: string;
  patientName: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const existing = useQuery({
    ...trpc.programs.get.queryOptions({ id: props.programId ?? "" }),
    enabled: props.programId !== null,
  });
  const [draft, setDraft] = useState<Draft | null>(
    props.programId
      ? null
      : {
          title: "Home exercise program",
          startDate: props.today,
          daysPerWeek: 5,
          phases: [{ key: newKey("p"), title: "Exercises", notes: "", items: [] }],
        },
  );
  const [revision, setRevision] = useState<number | undefined>(undefined);
  const [dirty, setDirty] = useState(false);
  const [targetPhase, setTargetPhase] = useState(0);
  const [preview, setPreview] = useState(false);
  const [flash, setFlash] = useState<string | null>(null);
  const [announce, setAnnounce] = useState("");
  const [history, setHistory] = useState<number | null>(null);
  const dragFrom = useRef<Spot | null>(null);
  const focusAfter = useRef<string | null>(null);

  useEffect(() => {
    if (existing.data && (revision === undefined || existing.data.revision !== revision) && !dirty) {
      setDraft(toDraft(existing.data));
      setRevision(existing.data.revision);
    }
  }, [existing.data, revision, dirty]);
  useEffect(() => {
    if (!focusAfter.current) return;
    document.querySelector<HTMLElement>(`[data-item-key="${focusAfter.current}"] .pb-handle`)?.focus();
    focusAfter.current = null;
  });

  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.programs.pathKey() });
  const save = useMutation(trpc.programs.save.mutationOptions());
  const assign = useMutation(trpc.programs.assign.mutationOptions());
  const template = useMutation(trpc.programs.saveAsTemplate.mutationOptions());
  const errors = fieldErrors(save.error);
  const stale = [save.error, assign.error].some(
    (e) => (e as { data?: { domainCode?: string } } | null)?.data?.domainCode === "STALE",
  );

  if (props.programId && existing.isPending)
    return (
      <div aria-busy="true">
        <div className="skeleton" style={{ height: "2rem" }} />
        <div className="skeleton" style={{ height: "12rem" }} />
      </div>
    );
  if (existing.isError)
    return (
      <div className="card empty">
        <h1>Program not found</h1>
        <p>{errorMessage(existing.error)}</p>
      </div>
    );
  if (!draft) return null;

  const change = (next: Draft) => {
    setDraft(next);
    setDirty(true);
    setFlash(null);
  };
  const status = existing.data?.status ?? "draft";
  const addedIds = new Set(draft.phases.flatMap((p) => p.items.map((i) => i.exercise.id)));

  async function doSave(): Promise<{ id: string; revision: number } | null> {
    try {
      const saved = await save.mutateAsync({
        id: props.programId ?? undefined,
        patientId: props.patientId,
        expectedRevision: revision,
        ...toInput(draft!),
      });
      setRevision(saved.revision);
      setDirty(false);
      await invalidate();
      if (!props.programId) router.replace(`/c/${props.slug}/patients/${props.patientId}/programs/${saved.id}?saved=1`);
      return saved;
    } catch {
      return null;
    }
  }
  async function doAssign() {
    const saved = dirty || !props.programId ? await doSave() : { id: props.programId, revision: revision! };
    if (!saved) return;
    try {
      const done = await assign.mutateAsync({ id: saved.id, expectedRevision: saved.revision });
      setRevision(done.revision);
      await invalidate();
      setFlash(
        done.emailQueued
          ? `Assigned version ${done.version}. ${props.patientName} will get the plan by email.`
          : `Assigned version ${done.version}. ${props.patientName} has no usable email address, so no plan email will be sent — share the patient link instead.`,
      );
      if (!props.programId) router.replace(`/c/${props.slug}/patients/${props.patientId}/programs/${saved.id}`);
    } catch {
      /* shown below */
    }
  }
  function reload() {
    setDirty(false);
    setRevision(undefined);
    save.reset();
    assign.reset();
    void existing.refetch();
  }
  function onItemKey(e: KeyboardEvent, at: Spot, key: string) {
    if (!e.altKey || (e.key !== "ArrowUp" && e.key !== "ArrowDown")) return;
    e.preventDefault();
    const moved = stepItem(draft!, at, e.key === "ArrowUp" ? -1 : 1);
    change(moved.draft);
    focusAfter.current = key;
    setAnnounce(`Moved to position ${moved.to.index + 1} in ${moved.draft.phases[moved.to.phase]!.title}.`);
  }
  function onDrop(e: DragEvent, to: Spot) {
    e.preventDefault();
    if (dragFrom.current) change(moveItem(draft!, dragFrom.current, to));
    dragFrom.current = null;
  }
  const setDosage = (at: Spot, d: Dosage, field: keyof Dosage, raw: string) => {
    const value = field === "side" ? raw : raw.trim() === "" ? null : Number(raw);
    change(updateItem(draft, at, { dosage: { ...d, [field]: value } as Dosage }));
  };

  return (
    <>
      <div className="page-header">
        <div>
          <Link href={`/c/${props.slug}/patients/${props.patientId}`}>← {props.patientName}</Link>
          <h1>{props.programId ? draft.title || "Program" : "New program"}</h1>
          <p>
            <span className="badge">
              {status === "assigned" ? `Assigned · version ${existing.data?.version}` : "Draft"}
            </span>
            {dirty ? " · unsaved changes" : ""}
          </p>
        </div>
        <div className="actions">
          <button type="button" className="btn" onClick={() => setPreview((v) => !v)} aria-pressed={preview}>
            {preview ? "Back to editing" : "Preview"}
          </button>
          <button
            type="button"
            className="btn"
            disabled={save.isPending || (!dirty && Boolean(props.programId))}
            onClick={() => void doSave().then((s) => s && setFlash("Saved."))}
          >
            {save.isPending ? "Saving…" : "Save"}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={assign.isPending || save.isPending || itemCount(draft) === 0}
            onClick={() => void doAssign()}
          >
            {assign.isPending ? "Assigning…" : status === "assigned" && !dirty ? "Send again" : "Assign to patient"}
          </button>
        </div>
      </div>
      <div className="visually-hidden" aria-live="polite">
        {announce}
      </div>
      {flash ? (
        <div className="alert alert-ok" role="status">
          {flash}
        </div>
      ) : null}
      {stale ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(save.error ?? assign.error)}{" "}
          <button type="button" className="btn btn-small" onClick={reload}>
            Reload the latest version
          </button>
        </div>
      ) : save.error || assign.error ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(save.error ?? assign.error)}
        </div>
      ) : null}
      {status === "assigned" && dirty ? (
        <div className="alert alert-warn" role="note">
          This program is assigned: saving makes version {(existing.data?.version ?? 1) + 1}; the patient keeps version{" "}
          {existing.data?.version} until you assign again.
        </div>
      ) : null}

      {preview ? (
        <section className="card plan-preview" aria-label="Preview of the patient's plan">
          <p className="muted">
            What {props.patientName} will see, from {draft.startDate}:
          </p>
          <h2>{draft.title}</h2>
          <PlanView
            phases={draft.phases.map((p) => ({
              key: p.key,
              title: p.title,
              notes: p.notes || null,
              items: p.items.map((i) => ({
                key: i.key,
                name: i.exercise.name,
                imageUrl: i.exercise.imageUrl,
                dosage: i.dosage,
                note: i.note || null,
              })),
            }))}
          />
        </section>
      ) : (
        <div className="pb-layout">
          <section className="card pb-program" aria-label="Program">
            <div className="form-row">
              <div className="field">
                <label htmlFor="pb-title">Program title</label>
                <input
                  id="pb-title"
                  value={draft.title}
                  onChange={(e) => change({ ...draft, title: e.target.value })}
                  aria-invalid={errors.title ? true : undefined}
                />
                {errors.title ? (
                  <span className="field-error" role="alert">
                    {errors.title}
                  </span>
                ) : null}
              </div>
              <div className="form-row">
                <div className="field">
                  <label htmlFor="pb-start">Start date</label>
                  <input
                    id="pb-start"
                    type="date"
                    value={draft.startDate}
                    onChange={(e) => change({ ...draft, startDate: e.target.value })}
                  />
                  {errors.startDate ? (
                    <span className="field-error" role="alert">
                      {errors.startDate}
                    </span>
                  ) : null}
                </div>
                <div className="field">
                  <label htmlFor="pb-days">Days a week</label>
                  <input
                    id="pb-days"
                    type="number"
                    min={1}
                    max={7}
                    value={draft.daysPerWeek}
                    onChange={(e) => change({ ...draft, daysPerWeek: Number(e.target.value) })}
                    aria-invalid={errors.daysPerWeek ? true : undefined}
                  />
                  {errors.daysPerWeek ? (
                    <span className="field-error" role="alert">
                      {errors.daysPerWeek}
                    </span>
                  ) : null}
                </div>
              </div>
            </div>
            <p className="muted pb-help">
              Drag an exercise by its handle, or focus the handle and press Alt+↑ / Alt+↓ to move it.
            </p>
            {draft.phases.map((phase, pi) => (
              <fieldset
                key={phase.key}
                className={`pb-phase${targetPhase === pi ? " pb-phase-target" : ""}`}
                onDragOver={(e) => e.preventDefault()}
                onDrop={(e) => onDrop(e, { phase: pi, index: phase.items.length })}
              >
                <legend className="visually-hidden">Phase {pi + 1}</legend>
                <div className="pb-phase-head">
                  <div className="field">
                    <label htmlFor={`pb-ph-${phase.key}`}>Phase {pi + 1} title</label>
                    <input
                      id={`pb-ph-${phase.key}`}
                      value={phase.title}
                      onChange={(e) =>
                        change({
                          ...draft,
                          phases: draft.phases.map((p, i) => (i === pi ? { ...p, title: e.target.value } : p)),
                        })
                      }
                    />
                    {errors[`phases.${pi}.title`] ? (
                      <span className="field-error" role="alert">
                        {errors[`phases.${pi}.title`]}
                      </span>
                    ) : null}
                  </div>
                  <div className="actions">
                    <label className="pb-target">
                      <input
                        type="radio"
                        name="pb-target"
                        checked={targetPhase === pi}
                        onChange={() => setTargetPhase(pi)}
                      />{" "}
                      Add exercises here
                    </label>
                    {draft.phases.length > 1 ? (
                      <button
                        type="button"
                        className="btn btn-small"
                        onClick={() => {
                          change({ ...draft, phases: draft.phases.filter((_, i) => i !== pi) });
                          setTargetPhase(0);
                        }}
                        aria-label={`Remove phase ${phase.title}`}
                      >
                        Remove phase
                      </button>
                    ) : null}
                  </div>
                </div>
                <PhaseStartFields
                  phase={phase}
                  index={pi}
                  programStart={draft.startDate}
                  error={errors[`phases.${pi}.startWeek`] ?? errors[`phases.${pi}.startDate`]}
                  onChange={(start) =>
                    change({ ...draft, phases: draft.phases.map((p, i) => (i === pi ? { ...p, ...start } : p)) })
                  }
                />
                <div className="field">
                  <label htmlFor={`pb-pn-${phase.key}`}>Phase notes (optional)</label>
                  <input
                    id={`pb-pn-${phase.key}`}
                    value={phase.notes}
                    onChange={(e) =>
                      change({
                        ...draft,
                        phases: draft.phases.map((p, i) => (i === pi ? { ...p, notes: e.target.value } : p)),
                      })
                    }
                  />
                </div>
                {phase.items.length === 0 ? (
                  <p className="muted pb-empty">
                    No exercises yet: search the library and press Add, or drag one here.
                  </p>
                ) : null}
                <ol className="pb-items">
                  {phase.items.map((item, ii) => {
                    const at = { phase: pi, index: ii };
                    const d = item.dosage;
                    const err = (f: string) => errors[`phases.${pi}.items.${ii}.dosage.${f}`];
                    return (
                      <li
                        key={item.key}
                        data-item-key={item.key}
                        className="pb-item"
                        aria-label={item.exercise.name}
                        onDragOver={(e) => e.preventDefault()}
                        onDrop={(e) => {
                          e.stopPropagation();
                          onDrop(e, at);
                        }}
                      >
                        <button
                          type="button"
                          className="pb-handle"
                          draggable
                          aria-label={`Move ${item.exercise.name}`}
                          title="Drag, or Alt+↑/↓"
                          onDragStart={(e) => {
                            dragFrom.current = at;
                            e.dataTransfer.effectAllowed = "move";
                            e.dataTransfer.setData("text/plain", item.key);
                          }}
                          onKeyDown={(e) => onItemKey(e, at, item.key)}
                        >
                          ⋮⋮
                        </button>
                        <img src={item.exercise.imageUrl} alt="" width={72} height={48} />
                        <div className="pb-item-body">
                          <strong>{item.exercise.name}</strong>
                          <span className="muted">{dosageText(d)}</span>
                          <div className="pb-dosage" role="group" aria-label={`Dosage for ${item.exercise.name}`}>
                            <label>
                              Sets{" "}
                              <input
                                type="number"
                                min={1}
                                max={20}
                                value={d.sets}
                                onChange={(e) => setDosage(at, d, "sets", e.target.value)}
                                aria-invalid={err("sets") ? true : undefined}
                              />
                            </label>
                            <label>
                              Reps{" "}
                              <input
                                type="number"
                                min={1}
                                max={300}
                                value={d.reps ?? ""}
                                onChange={(e) => setDosage(at, d, "reps", e.target.value)}
                                aria-invalid={err("reps") ? true : undefined}
                              />
                            </label>
                            <label>
                              Hold s{" "}
                              <input
                                type="number"
                                min={0}
                                max={600}
                                value={d.holdSeconds ?? ""}
                                onChange={(e) => setDosage(at, d, "holdSeconds", e.target.value)}
                                aria-invalid={err("holdSeconds") ? true : undefined}
                              />
                            </label>
                            <label>
                              Side{" "}
                              <select value={d.side} onChange={(e) => setDosage(at, d, "side", e.target.value)}>
                                <option value="none">—</option>
                                <option value="both">each side</option>
                                <option value="alternating">alternating</option>
                                <option value="left">left</option>
                                <option value="right">right</option>
                              </select>
                            </label>
                            <label>
                              Times/day{" "}
                              <input
                                type="number"
                                min={1}
                                max={5}
                                value={d.timesPerDay}
                                onChange={(e) => setDosage(at, d, "timesPerDay", e.target.value)}
                                aria-invalid={err("timesPerDay") ? true : undefined}
                              />
                            </label>
                            <label>
                              Days/week{" "}
                              <input
                                type="number"
                                min={1}
                                max={7}
                                value={d.daysPerWeek}
                                onChange={(e) => setDosage(at, d, "daysPerWeek", e.target.value)}
                                aria-invalid={err("daysPerWeek") ? true : undefined}
                              />
                            </label>
                          </div>
                          {["sets", "reps", "holdSeconds", "timesPerDay", "daysPerWeek"]
                            .map((f) => err(f))
                            .filter(Boolean)
                            .map((m, k) => (
                              <span key={k} className="field-error" role="alert">
                                {m}
                              </span>
                            ))}
                          <label className="pb-note">
                            Instruction for the patient{" "}
                            <input
                              value={item.note}
                              maxLength={500}
                              onChange={(e) => change(updateItem(draft, at, { note: e.target.value }))}
                              placeholder="e.g. keep the movement small and pain-free"
                            />
                          </label>
                          <label className="pb-note">
                            Note for clinicians (never shown to the patient){" "}
                            <input
                              value={item.clinicianNote ?? ""}
                              maxLength={500}
                              onChange={(e) => change(updateItem(draft, at, { clinicianNote: e.target.value }))}
                              placeholder="e.g. for desk workers; remove otherwise"
                            />
                          </label>
                        </div>
                        <div className="pb-item-actions">
                          <button
                            type="button"
                            className="btn btn-small"
                            aria-label={`Move ${item.exercise.name} up`}
                            onClick={() => change(stepItem(draft, at, -1).draft)}
                            disabled={pi === 0 && ii === 0}
                          >
                            ↑
                          </button>
                          <button
                            type="button"
                            className="btn btn-small"
                            aria-label={`Move ${item.exercise.name} down`}
                            onClick={() => change(stepItem(draft, at, 1).draft)}
                            disabled={pi === draft.phases.length - 1 && ii === phase.items.length - 1}
                          >
                            ↓
                          </button>
                          <button
                            type="button"
                            className="btn btn-small btn-danger"
                            aria-label={`Remove ${item.exercise.name}`}
                            onClick={() => change(removeItem(draft, at))}
                          >
                            ✕
                          </button>
                        </div>
                      </li>
                    );
                  })}
                </ol>
              </fieldset>
            ))}
            <div className="actions">
              <button
                type="button"
                className="btn"
                onClick={() => {
                  change({
                    ...draft,
                    phases: [
                      ...draft.phases,
                      {
                        key: newKey("p"),
                        title: `Phase ${draft.phases.length + 1}`,
                        notes: "",
                        startWeek: "",
                        startDate: "",
                        items: [],
                      },
                    ],
                  });
                  setTargetPhase(draft.phases.length);
                }}
              >
                Add a phase
              </button>
              {props.programId ? (
                <button
                  type="button"
                  className="btn"
                  disabled={template.isPending}
                  onClick={() => {
                    const name = window.prompt("Template name", draft.title);
                    if (name)
                      template.mutate(
                        { programId: props.programId!, name },
                        { onSuccess: () => setFlash(`Saved as the clinic template “${name}”.`) },
                      );
                  }}
                >
                  Save as template
                </button>
              ) : null}
            </div>
            {template.error ? (
              <div className="alert alert-error" role="alert">
                {errorMessage(template.error)}
              </div>
            ) : null}
            {existing.data && existing.data.versions.length > 0 ? (
              <div className="pb-versions">
                <h3>Versions</h3>
                <ul>
                  {existing.data.versions.map((v) => (
                    <li key={v.version}>
                      <button type="button" className="btn-link" onClick={() => setHistory(v.version)}>
                        Version {v.version}
                      </button>{" "}
                      · {v.itemCount} exercises ·{" "}
                      {v.assignedAt ? `assigned ${v.assignedAt.toLocaleDateString()}` : "not assigned"}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </section>
          <aside className="card pb-library" aria-label="Exercise library">
            <h2>Add exercises</h2>
            <p className="muted">
              Adding to: <strong>{draft.phases[targetPhase]?.title || `Phase ${targetPhase + 1}`}</strong>
            </p>
            <ExerciseSearch
              compact
              addedIds={addedIds}
              onAdd={(x) => {
                change(addItem(draft, targetPhase, x));
                setAnnounce(`Added ${x.name}.`);
              }}
            />
          </aside>
        </div>
      )}
      {history !== null && props.programId ? (
        <VersionDialog programId={props.programId} version={history} onClose={() => setHistory(null)} />
      ) : null}
    </>
  );
}

function VersionDialog({ programId, version, onClose }: { programId: string; version: number; onClose: () => void }) {
  const trpc = useTRPC();
  const v = useQuery(trpc.programs.getVersion.queryOptions({ id: programId, version }));
  return (
    <Dialog title={`Version ${version}`} onClose={onClose} wide>
      {v.isPending ? (
        <div className="skeleton" style={{ height: "8rem" }} />
      ) : v.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(v.error)}
        </div>
      ) : (
        <>
          <p className="muted">
            Exactly what was given{v.data.assignedAt ? ` on ${v.data.assignedAt.toLocaleDateString()}` : ""}, from{" "}
            {v.data.startDate}.
          </p>
          <PlanView
            phases={v.data.phases.map((p, i) => ({
              key: String(i),
              title: p.title,
              notes: p.notes,
              items: p.items.map((it, j) => ({
                key: `${i}-${j}`,
                name: it.exercise.name,
                imageUrl: it.exercise.imageUrl,
                dosage: it.dosage,
                note: it.note,
              })),
            }))}
          />
        </>
      )}
    </Dialog>
  );
}

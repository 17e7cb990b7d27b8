"use client";
// The exercise library: search and filter the shipped exercises and the clinic's own, open one to
// read it; clinicians and owners add the clinic's own exercises; owners hide library ones.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Dialog } from "@/app/_components/dialog";
import { dosageText, labelOf } from "@/app/_components/exercises/dosage";
import { ExerciseSearch, type ExerciseSummary } from "@/app/_components/exercises/exercise-search";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import type { Role } from "@/db/schema";
import { NewExerciseForm } from "./new-exercise-form";

export function ExerciseLibrary({ role }: { role: Role }) {
  const [open, setOpen] = useState<ExerciseSummary | null>(null);
  const [creating, setCreating] = useState(false);
  const [flash, setFlash] = useState<string | null>(null);
  const [showHidden, setShowHidden] = useState(false);
  const canWrite = role === "owner" || role === "clinician";
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Exercise library</h1>
          <p>Every exercise you can prescribe: the shipped library and your clinic’s own.</p>
        </div>
        {canWrite ? (
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
            New exercise
          </button>
        ) : null}
      </div>
      {flash ? (
        <div className="alert alert-ok" role="status">
          {flash}
        </div>
      ) : null}
      {role === "owner" ? (
        <label className="ex-show-hidden">
          <input type="checkbox" checked={showHidden} onChange={(e) => setShowHidden(e.target.checked)} /> Show
          exercises hidden from this clinic
        </label>
      ) : null}
      <section className="card">
        <ExerciseSearch onOpen={setOpen} includeHidden={showHidden} />
      </section>
      {open ? (
        <ExerciseDetail id={open.id} canHide={role === "owner"} onClose={() => setOpen(null)} onChanged={setFlash} />
      ) : null}
      {creating ? (
        <Dialog title="New exercise" onClose={() => setCreating(false)} wide>
          <NewExerciseForm
            onCreated={(name) => {
              setCreating(false);
              setFlash(`Added “${name}” to your clinic’s exercises.`);
            }}
            onCancel={() => setCreating(false)}
          />
        </Dialog>
      ) : null}
    </>
  );
}

function ExerciseDetail({
  id,
  canHide,
  onClose,
  onChanged,
}: {
  id: string;
  canHide: boolean;
  onClose: () => void;
  onChanged: (m: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const exercise = useQuery(trpc.exercises.get.queryOptions({ id }));
  const hide = useMutation(
    trpc.exercises.setHidden.mutationOptions({
      onSuccess: async (_r, vars) => {
        await queryClient.invalidateQueries({ queryKey: trpc.exercises.pathKey() });
        onChanged(
          vars.hidden
            ? "Hidden from your clinic: it no longer appears when building programs."
            : "Shown again in your clinic’s library.",
        );
        onClose();
      },
    }),
  );
  const x = exercise.data;
  return (
    <Dialog title={x?.name ?? "Exercise"} onClose={onClose} wide>
      {exercise.isPending ? (
        <div className="skeleton" style={{ height: "10rem" }} />
      ) : exercise.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(exercise.error)}
        </div>
      ) : x ? (
        <article className="ex-detail">
          <div className="ex-detail-head">
            <img src={x.imageUrl} alt={`Illustration: ${x.name}`} width={240} height={160} />
            <div>
              <p>{x.purpose}</p>
              <p className="muted">
                {labelOf(x.category)} · {x.regions.map(labelOf).join(", ")} ·{" "}
                {x.equipment.length ? x.equipment.join(", ") : "no equipment"} · difficulty {x.difficulty}/3
              </p>
              <p>
                <strong>Default dosage:</strong> {dosageText(x.dosage)}
              </p>
              {x.videoUrl ? (
                <p>
                  <a href={x.videoUrl} target="_blank" rel="noreferrer noopener">
                    Video
                  </a>
                </p>
              ) : null}
            </div>
          </div>
          <h3>Steps</h3>
          <ol>
            {x.steps.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ol>
          <h3>Coaching cues</h3>
          <ul>
            {x.cues.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ul>
          <h3>Common mistakes</h3>
          <ul>
            {x.mistakes.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ul>
          {x.precautions.length ? (
            <>
              <h3>Precautions</h3>
              <ul>
                {x.precautions.map((s, i) => (
                  <li key={i}>{s}</li>
                ))}
              </ul>
            </>
          ) : null}
          {canHide && x.source === "library" ? (
            <div className="actions">
              {hide.error ? (
                <div className="alert alert-error" role="alert">
                  {errorMessage(hide.error)}
                </div>
              ) : null}
              <button
                type="button"
                className="btn"
                disabled={hide.isPending}
                onClick={() => hide.mutate({ id: x.id, hidden: !x.hidden })}
              >
                {x.hidden ? "Show in this clinic" : "Hide from this clinic"}
              </button>
            </div>
          ) : null}
        </article>
      ) : null}
    </Dialog>
  );
}

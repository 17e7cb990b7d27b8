"use client";
// When a phase starts, in the builder: the first with the program; a later one in a week of the
// program or on a date (either, not both). Leaving every later phase empty keeps the program
// unphased (all exercises due together). See server/programs/phases.ts.
import type { DraftPhase } from "./model";

export function PhaseStartFields({
  phase,
  index,
  programStart,
  error,
  onChange,
}: {
  phase: DraftPhase;
  index: number;
  programStart: string;
  error: string | undefined;
  onChange: (change: { startWeek?: string; startDate?: string }) => void;
}) {
  if (index === 0) return <p className="muted pb-phase-start">Phase 1 starts with the program ({programStart}).</p>;
  const id = `pb-ps-${phase.key}`;
  return (
    <div className="form-row pb-phase-start" role="group" aria-label={`When phase ${index + 1} starts`}>
      <div className="field">
        <label htmlFor={`${id}-week`}>Phase {index + 1} starts in week</label>
        <input
          id={`${id}-week`}
          type="number"
          min={2}
          max={104}
          value={phase.startWeek ?? ""}
          onChange={(e) => onChange({ startWeek: e.target.value, startDate: "" })}
          aria-invalid={error ? true : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-date`}>or on date</label>
        <input
          id={`${id}-date`}
          type="date"
          value={phase.startDate ?? ""}
          onChange={(e) => onChange({ startDate: e.target.value, startWeek: "" })}
          aria-invalid={error ? true : undefined}
        />
      </div>
      <p className="muted">Leave every later phase without a start to give all exercises from day one.</p>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

"use client";
// A phased program on the patient's page: the phase the patient is in, when the next one starts,
// and "Move to next phase now" (after a confirmation) for a patient who is ready early.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Dialog } from "@/app/_components/dialog";
import { longDay, phaseWords, type PhaseWordsInput } from "@/app/_components/program/plan-words";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";

export function ProgramPhase({
  program,
  phase,
  today,
  canEdit,
}: {
  program: { id: string; title: string; revision: number };
  phase: PhaseWordsInput;
  today: string;
  canEdit: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const advance = useMutation(
    trpc.programs.advancePhase.mutationOptions({
      onSuccess: async () => {
        setConfirming(false);
        await queryClient.invalidateQueries({ queryKey: trpc.programs.pathKey() });
      },
    }),
  );
  const words = phaseWords(phase, today);
  const next = phase.next;
  return (
    <div className="prog-phase" data-testid="program-phase">
      <p>
        <strong>{words.now}</strong>
        {words.next ? <span className="muted"> · {words.next}</span> : null}
      </p>
      {advance.isSuccess ? (
        <div className="alert alert-ok" role="status">
          Moved on: the patient’s plan shows this phase’s exercises from today.
        </div>
      ) : null}
      {canEdit && next && phase.number > 0 ? (
        <button type="button" className="btn btn-small" onClick={() => setConfirming(true)}>
          Move to next phase now
        </button>
      ) : null}
      {confirming && next ? (
        <Dialog title="Move to the next phase now?" onClose={() => setConfirming(false)}>
          <p>
            {program.title}: phase {next.number} ({next.title}) is due to start {longDay(next.startsOn)}. Moving on
            starts it today — the patient’s plan shows its exercises from now on, and adherence counts them.
          </p>
          {advance.error ? (
            <div className="alert alert-error" role="alert">
              {errorMessage(advance.error)}
            </div>
          ) : null}
          <div className="actions">
            <button
              type="button"
              className="btn btn-primary"
              disabled={advance.isPending}
              onClick={() => advance.mutate({ id: program.id, expectedRevision: program.revision })}
            >
              {advance.isPending ? "Moving…" : `Start phase ${next.number} today`}
            </button>
            <button type="button" className="btn" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}

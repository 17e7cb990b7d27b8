"use client";
// Owners: the no-show goal (drawn on the chart), the late-cancellation window, and the list of
// referral sources the booking page and the patient form offer.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";

type Settings = { lateCancelHours: number; noShowGoalPercent: number | null; referralSources: string[] };

export function DashboardSettings({ settings }: { settings: Settings }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [goal, setGoal] = useState(settings.noShowGoalPercent === null ? "" : String(settings.noShowGoalPercent));
  const [hours, setHours] = useState(String(settings.lateCancelHours));
  const [sources, setSources] = useState(settings.referralSources.join("\n"));
  const save = useMutation(
    trpc.dashboard.updateSettings.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.dashboard.pathKey() }),
    }),
  );
  return (
    <details className="card no-print dash-settings">
      <summary>Dashboard settings: no-show goal, late-cancel window, referral sources</summary>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({
            noShowGoalPercent: goal.trim() === "" ? null : Number(goal),
            lateCancelHours: Number(hours),
            referralSources: sources
              .split("\n")
              .map((s) => s.trim())
              .filter(Boolean),
          });
        }}
      >
        <div className="form-row">
          <div className="field">
            <label htmlFor="dash-goal">No-show goal (%)</label>
            <input id="dash-goal" inputMode="decimal" value={goal} onChange={(e) => setGoal(e.target.value)} />
            <span className="hint">Leave empty for no goal line.</span>
          </div>
          <div className="field">
            <label htmlFor="dash-window">Late cancellation: less than … hours ahead</label>
            <input
              id="dash-window"
              type="number"
              min={1}
              max={168}
              value={hours}
              onChange={(e) => setHours(e.target.value)}
            />
          </div>
        </div>
        <div className="field">
          <label htmlFor="dash-sources">&ldquo;How did you hear about us?&rdquo; choices, one per line</label>
          <textarea id="dash-sources" rows={6} value={sources} onChange={(e) => setSources(e.target.value)} />
        </div>
        {save.isError ? (
          <div className="alert alert-error" role="alert">
            {errorMessage(save.error)}
          </div>
        ) : save.isSuccess ? (
          <div className="alert alert-ok" role="status">
            Saved.
          </div>
        ) : null}
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            Save settings
          </button>
        </div>
      </form>
    </details>
  );
}

"use client";
// Owners choose which reminders the clinic sends. Switching one off also stops those already
// scheduled: the worker checks the setting again just before sending.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";

export function ReminderSettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.messages.settings.queryOptions());
  const update = useMutation(
    trpc.messages.updateSettings.mutationOptions({
      onSuccess: (data) => queryClient.setQueryData(trpc.messages.settings.queryKey(), data),
    }),
  );
  const toggles = [
    { key: "reminder24h", label: "24 hours before" },
    { key: "reminder2h", label: "2 hours before" },
  ] as const;
  return (
    <section className="card" aria-labelledby="reminders-h">
      <h2 id="reminders-h">Appointment reminders</h2>
      <p className="muted">
        Patients with an email address get these before each appointment, unless they opted out. Confirmations and
        changes are always sent.
      </p>
      {settings.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(settings.error)}
        </div>
      ) : null}
      {update.error ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(update.error)}
        </div>
      ) : null}
      <div className="switch-row" aria-busy={settings.isPending || update.isPending}>
        {toggles.map((t) => (
          <label key={t.key}>
            <input
              type="checkbox"
              checked={settings.data?.[t.key] ?? false}
              disabled={!settings.data || update.isPending}
              onChange={(e) => update.mutate({ [t.key]: e.target.checked })}
            />
            Reminder {t.label}
          </label>
        ))}
        {update.isSuccess ? (
          <span className="muted" role="status">
            Saved.
          </span>
        ) : null}
      </div>
    </section>
  );
}

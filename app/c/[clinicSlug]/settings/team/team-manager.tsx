"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Field } from "@/app/_components/field";
import { errorMessage, fieldErrors, useTRPC } from "@/app/_lib/trpc";
import { ROLE_LABELS } from "@/server/team/schemas";
import { displayName } from "@/server/validation";
import type { Role } from "@/db/schema";
import { ScrollRegion } from "@/app/_components/scroll-region";

const ROLES = Object.keys(ROLE_LABELS) as Role[];

export function TeamManager({ currentUserId }: { currentUserId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const team = useQuery(trpc.team.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.team.list.queryKey() });
  const invite = useMutation(
    trpc.team.invite.mutationOptions({
      onSuccess: async (m) => {
        setNotice(`Invited ${m.email} as ${ROLE_LABELS[m.role]}. They have been emailed a link to join.`);
        await refresh();
      },
    }),
  );
  const changeRole = useMutation(
    trpc.team.changeRole.mutationOptions({
      onSuccess: async () => {
        setNotice("Role changed.");
        await refresh();
      },
    }),
  );
  const takes = useMutation(
    trpc.team.setTakesAppointments.mutationOptions({
      onSuccess: async (r) => {
        setNotice(r.takesAppointments ? "Now on the calendar and the booking page." : "No longer takes appointments.");
        await refresh();
      },
    }),
  );
  const remove = useMutation(
    trpc.team.remove.mutationOptions({
      onSuccess: async () => {
        setNotice("Removed from the team.");
        await refresh();
      },
    }),
  );
  const errors = fieldErrors(invite.error);
  const actionError = changeRole.error ?? takes.error ?? remove.error;

  function onInvite(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const f = new FormData(form);
    setNotice(null);
    invite.mutate(
      { email: String(f.get("email")), name: String(f.get("name")), role: String(f.get("role")) as Role },
      { onSuccess: () => form.reset() },
    );
  }

  return (
    <>
      {notice ? (
        <div className="alert alert-ok" role="status">
          {notice}
        </div>
      ) : null}
      {actionError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(actionError)}
        </div>
      ) : null}
      <section className="card" aria-labelledby="team-h">
        <h2 id="team-h">Team</h2>
        {team.isPending ? (
          <div aria-busy="true">
            <div className="skeleton" />
            <div className="skeleton" />
          </div>
        ) : team.isError ? (
          <div className="alert alert-error" role="alert">
            {errorMessage(team.error)}
          </div>
        ) : (
          <ScrollRegion label="Team members">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Takes appointments</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {team.data.map((m) => (
                  <tr key={m.userId}>
                    <td>
                      <bdi>{displayName(m.name)}</bdi>
                      {m.userId === currentUserId ? <span className="muted"> (you)</span> : null}
                    </td>
                    <td>{m.email}</td>
                    <td>
                      <label className="visually-hidden" htmlFor={`role-${m.userId}`}>
                        Role of {m.name}
                      </label>
                      <select
                        id={`role-${m.userId}`}
                        className="input"
                        value={m.role}
                        disabled={changeRole.isPending}
                        onChange={(e) => changeRole.mutate({ userId: m.userId, role: e.target.value as Role })}
                      >
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {ROLE_LABELS[r]}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      {m.role === "front_desk" ? (
                        <span className="muted">—</span>
                      ) : (
                        <label className="check">
                          <input
                            type="checkbox"
                            checked={m.takesAppointments}
                            disabled={takes.isPending}
                            onChange={(e) => takes.mutate({ userId: m.userId, takesAppointments: e.target.checked })}
                          />{" "}
                          <span className="visually-hidden">{m.name} takes appointments</span>
                          <span aria-hidden="true">Yes</span>
                        </label>
                      )}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="btn btn-small btn-danger"
                        disabled={remove.isPending}
                        onClick={() => {
                          if (window.confirm(`Remove ${m.name} from the team?`)) remove.mutate({ userId: m.userId });
                        }}
                      >
                        Remove
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
      <section className="card" aria-labelledby="invite-h">
        <h2 id="invite-h">Invite someone</h2>
        <form className="form" onSubmit={onInvite} aria-label="Invite a team member" noValidate>
          {invite.isError ? (
            <div className="alert alert-error" role="alert">
              {errorMessage(invite.error)}
            </div>
          ) : null}
          <div className="form-row">
            <Field label="Name" name="name" required error={errors.name} />
            <Field label="Email" name="email" type="email" required error={errors.email} />
          </div>
          <div className="field">
            <label htmlFor="invite-role">Role</label>
            <select id="invite-role" name="role" defaultValue="clinician">
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <button className="btn btn-primary" type="submit" disabled={invite.isPending}>
              {invite.isPending ? "Inviting…" : "Send invite"}
            </button>
          </div>
        </form>
      </section>
    </>
  );
}

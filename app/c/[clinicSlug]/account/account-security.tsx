"use client";
// Change your password, or sign out everywhere: both end your sessions on other devices; this one stays.
import { useMutation } from "@tanstack/react-query";
import { type FormEvent } from "react";
import { Field } from "@/app/_components/field";
import { errorMessage, fieldErrors, useTRPC } from "@/app/_lib/trpc";

function endedText(count: number): string {
  if (count === 0) return "You were not signed in anywhere else.";
  return `Signed out of ${count} other session${count === 1 ? "" : "s"}.`;
}

export function AccountSecurity() {
  const trpc = useTRPC();
  const password = useMutation(trpc.me.changePassword.mutationOptions());
  const everywhere = useMutation(trpc.me.signOutEverywhere.mutationOptions());
  const errors = fieldErrors(password.error);

  function onPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const f = new FormData(form);
    password.mutate(
      { currentPassword: String(f.get("currentPassword") ?? ""), newPassword: String(f.get("newPassword") ?? "") },
      { onSuccess: () => form.reset() },
    );
  }

  return (
    <>
      <section className="card" aria-labelledby="password-h">
        <h2 id="password-h">Password</h2>
        <form className="form" onSubmit={onPassword} aria-label="Change your password" noValidate>
          {password.isError && !Object.keys(errors).length ? (
            <div className="alert alert-error" role="alert">
              {errorMessage(password.error)}
            </div>
          ) : null}
          {password.isSuccess ? (
            <div className="alert alert-ok" role="status">
              Password changed. {endedText(password.data.endedSessions)}
            </div>
          ) : null}
          <Field
            label="Current password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            hint="Leave empty if you have only ever signed in with an email link."
            error={errors.currentPassword}
          />
          <Field
            label="New password"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            required
            hint="At least 10 characters. Your other sessions are signed out."
            error={errors.newPassword}
          />
          <div>
            <button className="btn btn-primary" type="submit" disabled={password.isPending}>
              {password.isPending ? "Changing…" : "Change password"}
            </button>
          </div>
        </form>
      </section>
      <section className="card" aria-labelledby="sessions-h">
        <h2 id="sessions-h">Sessions</h2>
        <p className="muted">
          Signed in on another computer or a shared tablet? Sign out there from here. You stay signed in on this device.
        </p>
        {everywhere.isError ? (
          <div className="alert alert-error" role="alert">
            {errorMessage(everywhere.error)}
          </div>
        ) : null}
        {everywhere.isSuccess ? (
          <div className="alert alert-ok" role="status">
            {endedText(everywhere.data.endedSessions)}
          </div>
        ) : null}
        <button className="btn" type="button" onClick={() => everywhere.mutate()} disabled={everywhere.isPending}>
          Sign out everywhere else
        </button>
      </section>
    </>
  );
}

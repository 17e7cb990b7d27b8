"use client";
// The clinic's automatic sign-out: staff sessions end after this many minutes without activity.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent } from "react";
import { Field } from "@/app/_components/field";
import { errorMessage, fieldErrors, useTRPC } from "@/app/_lib/trpc";

export function SessionSettings({ idleTimeoutMinutes }: { idleTimeoutMinutes: number }) {
  const trpc = useTRPC();
  const router = useRouter();
  const save = useMutation(trpc.clinic.updateIdleTimeout.mutationOptions({ onSuccess: () => router.refresh() }));
  const errors = fieldErrors(save.error);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate({ idleTimeoutMinutes: Number(new FormData(event.currentTarget).get("idleTimeoutMinutes")) });
  }
  return (
    <form className="form" onSubmit={onSubmit} aria-label="Automatic sign-out" noValidate>
      {save.isError && !errors.idleTimeoutMinutes ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(save.error)}
        </div>
      ) : null}
      {save.isSuccess ? (
        <div className="alert alert-ok" role="status">
          Automatic sign-out saved.
        </div>
      ) : null}
      <Field
        label="Sign staff out after this many minutes without activity"
        name="idleTimeoutMinutes"
        type="number"
        min={15}
        max={240}
        step={1}
        required
        defaultValue={idleTimeoutMinutes}
        hint="15 to 240 minutes. Staff see a warning a minute before. Someone in several clinics gets the shortest of their clinics' times."
        error={errors.idleTimeoutMinutes}
      />
      <div>
        <button className="btn btn-primary" type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save automatic sign-out"}
        </button>
      </div>
    </form>
  );
}

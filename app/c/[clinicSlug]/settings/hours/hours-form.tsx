"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { WeeklyHours } from "@/db/schema";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { HoursEditor } from "./hours-editor";

export function HoursForm({ initial }: { initial: WeeklyHours }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [hours, setHours] = useState<WeeklyHours>(initial);
  const save = useMutation(trpc.clinic.updateHours.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <form
      aria-label="Opening hours"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(hours);
      }}
    >
      {save.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(save.error)}
        </div>
      ) : null}
      {save.isSuccess ? (
        <div className="alert alert-ok" role="status">
          Opening hours saved.
        </div>
      ) : null}
      <HoursEditor value={hours} onChange={setHours} />
      <div className="actions" style={{ marginTop: "1rem" }}>
        <button className="btn btn-primary" type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save opening hours"}
        </button>
        <button className="btn" type="button" onClick={() => setHours(initial)}>
          Undo changes
        </button>
      </div>
    </form>
  );
}

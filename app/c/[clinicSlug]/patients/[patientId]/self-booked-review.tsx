"use client";
// A patient created by an online booking: the front desk sees the possible matches among the clinic's
// charts and merges it into one with a click (appointments and all move there), or keeps it as new.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";

const REASONS = { email: "same email", name: "same name" } as const;

export function SelfBookedReview({ slug, patientId, bookedAt }: { slug: string; patientId: string; bookedAt: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const matches = useQuery(trpc.patients.possibleMatches.queryOptions({ id: patientId }));
  const refresh = () => queryClient.invalidateQueries();
  const merge = useMutation(
    trpc.patients.mergeSelfBooked.mutationOptions({
      onSuccess: async (done) => {
        await refresh();
        router.push(`/c/${slug}/patients/${done.intoId}?merged=${done.moved.appointments}`);
      },
    }),
  );
  const keep = useMutation(trpc.patients.keepSelfBooked.mutationOptions({ onSuccess: refresh }));
  const error = merge.error ?? keep.error;

  return (
    <section className="card" aria-labelledby="self-booked-h">
      <h2 id="self-booked-h">Self-booked — needs review</h2>
      <p className="muted">
        Booked online on {bookedAt} with the details typed at booking. Online bookings never join an existing chart on
        their own: if this is someone you already see, merge it into their chart.
      </p>
      {error ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(error)}
        </div>
      ) : null}
      {matches.isPending ? (
        <div className="skeleton" aria-busy="true" />
      ) : matches.data?.length ? (
        <ul className="stack">
          {matches.data.map((m) => (
            <li key={m.id}>
              <strong>Possible match:</strong>{" "}
              <a href={`/c/${slug}/patients/${m.id}`}>
                {m.firstName} {m.lastName}
              </a>{" "}
              <span className="muted">
                ({m.reasons.map((r) => REASONS[r]).join(", ")}
                {m.dateOfBirth ? `; born ${m.dateOfBirth}` : ""}
                {m.phone ? `; ${m.phone}` : ""})
              </span>{" "}
              <button
                className="btn btn-small btn-primary"
                type="button"
                disabled={merge.isPending}
                onClick={() => merge.mutate({ fromId: patientId, intoId: m.id })}
              >
                Merge into {m.firstName} {m.lastName}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p>No possible match among your patients.</p>
      )}
      <div className="actions" style={{ marginTop: "1rem" }}>
        <button className="btn" type="button" disabled={keep.isPending} onClick={() => keep.mutate({ id: patientId })}>
          Keep as a new patient
        </button>
      </div>
    </section>
  );
}

/** After a merge the front desk lands on the chart: say what moved. */
export function MergedNotice() {
  const merged = useSearchParams().get("merged");
  if (merged === null) return null;
  const n = Number(merged);
  return (
    <div className="alert alert-ok" role="status">
      Merged the self-booked record into this chart
      {n > 0 ? ` — ${n} appointment${n === 1 ? "" : "s"} moved here` : ""}.
    </div>
  );
}

// What a list shows while its query runs or after it fails: a labelled skeleton of rows, or the
// error's sentence in an alert. Shared by the owners' logs (audit, consent, messages).
import { errorMessage } from "@/app/_lib/trpc";

export function LoadingRows({ label, rows = 4 }: { label: string; rows?: number }) {
  return (
    <div aria-busy="true" aria-label={label}>
      {Array.from({ length: rows }, (_, i) => (
        <div className="skeleton" key={i} style={{ height: "2rem" }} />
      ))}
    </div>
  );
}

export function QueryError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert">
      {errorMessage(error)}
    </div>
  );
}

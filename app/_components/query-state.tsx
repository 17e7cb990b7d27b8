// What a list shows while its query runs, after it fails, or when it has more: a labelled skeleton of rows, the
// error's sentence in an alert, a "show older" button. Shared by the owners' logs (audit, consent, messages).
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

/** "Show older …" under a paged list: the next page on a click, disabled while it loads. */
export function ShowMore({
  query,
  label,
}: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };
  label: string;
}) {
  if (!query.hasNextPage) return null;
  return (
    <div className="actions">
      <button
        type="button"
        className="btn"
        disabled={query.isFetchingNextPage}
        onClick={() => void query.fetchNextPage()}
      >
        {query.isFetchingNextPage ? "Loading…" : label}
      </button>
    </div>
  );
}

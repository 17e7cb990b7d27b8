"use client";
// A refused booking or move, said plainly; when the time was taken, the next free times as buttons.
import { useClinicLocale } from "@/app/_components/clinic-locale";
import { errorMessage } from "@/app/_lib/trpc";
import { formatInstant } from "./time";

/** The next free times the server offers with a SLOT_TAKEN refusal, if any. */
export function nextFreeTimes(error: unknown): Date[] {
  const data = (error as { data?: { domainCode?: string | null; details?: { nextFreeTimes?: unknown } | null } } | null)
    ?.data;
  if (data?.domainCode !== "SLOT_TAKEN") return [];
  const times = data.details?.nextFreeTimes;
  if (!Array.isArray(times)) return [];
  return times.map((t) => (t instanceof Date ? t : new Date(String(t)))).filter((d) => !Number.isNaN(d.getTime()));
}

export function SlotError({
  error,
  timeZone,
  onPick,
  pickLabel = "Use",
}: {
  error: unknown;
  timeZone: string;
  onPick: (at: Date) => void;
  pickLabel?: string;
}) {
  const locale = useClinicLocale();
  if (!error) return null;
  const times = nextFreeTimes(error);
  return (
    <div className="alert alert-error" role="alert">
      <div>{errorMessage(error)}</div>
      {times.length ? (
        <div className="actions cal-next-free" aria-label="Next free times">
          {times.map((t) => (
            <button key={t.getTime()} type="button" className="btn btn-small" onClick={() => onPick(t)}>
              {pickLabel} {formatInstant(t, timeZone, locale)}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}

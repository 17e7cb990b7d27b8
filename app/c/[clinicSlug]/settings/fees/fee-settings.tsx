"use client";
// Owners set the no-show and late-cancellation fees (empty: none) and whether they are charged to
// the card on file automatically when an appointment is marked (off: the front desk charges them
// with one click and a confirmation). The late-cancellation window is the dashboard's setting.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { parseMajor, toMajorText } from "@/app/_lib/money";

export function FeeSettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const policy = useQuery(trpc.charges.feePolicy.queryOptions());
  const [saved, setSaved] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation(
    trpc.charges.updateFeePolicy.mutationOptions({
      onSuccess: async () => {
        setSaved(true);
        await queryClient.invalidateQueries({ queryKey: trpc.charges.feePolicy.queryKey() });
      },
    }),
  );
  if (policy.isPending) return <div className="skeleton" aria-busy="true" />;
  if (policy.isError)
    return (
      <div className="alert alert-error" role="alert">
        {errorMessage(policy.error)}
      </div>
    );
  const p = policy.data;
  const shown = (minor: number | null) => (minor ? toMajorText(minor, p.currency) : "");

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const fee = (name: string) => {
      const text = String(f.get(name) ?? "").trim();
      return text ? parseMajor(text, p.currency) : null;
    };
    const noShow = fee("noShow");
    const late = fee("late");
    if ((String(f.get("noShow")).trim() && !noShow) || (String(f.get("late")).trim() && !late) || (noShow ?? 1) < 0)
      return setProblem("Enter each fee as an amount like 50.00, or leave it empty for no fee.");
    setProblem(null);
    setSaved(false);
    save.mutate({ noShowFeeMinor: noShow, lateCancelFeeMinor: late, autoChargeFees: f.get("auto") === "on" });
  }

  return (
    <section className="card" aria-labelledby="fees-h">
      <h2 id="fees-h">Missed-appointment fees</h2>
      <form className="form" onSubmit={submit} noValidate>
        {problem || save.error ? (
          <div className="alert alert-error" role="alert">
            {problem ?? errorMessage(save.error)}
          </div>
        ) : null}
        {saved ? (
          <div className="alert alert-ok" role="status">
            Fees saved.
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="fee-no-show">No-show fee ({p.currency})</label>
          <input id="fee-no-show" name="noShow" inputMode="decimal" defaultValue={shown(p.noShowFeeMinor)} />
        </div>
        <div className="field">
          <label htmlFor="fee-late">Late-cancellation fee ({p.currency})</label>
          <input id="fee-late" name="late" inputMode="decimal" defaultValue={shown(p.lateCancelFeeMinor)} />
          <span className="muted">
            Applies when the patient cancels less than {p.lateCancelHours} hours ahead (the dashboard&apos;s setting).
          </span>
        </div>
        <label className="check">
          <input type="checkbox" name="auto" defaultChecked={p.autoChargeFees} /> Charge the fee to the card on file
          automatically when an appointment is marked no-show or cancelled late
        </label>
        {!p.cardPayments ? (
          <p className="muted">Card payments are not set up yet: fees can be recorded but not charged to a card.</p>
        ) : null}
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save fees"}
          </button>
        </div>
      </form>
    </section>
  );
}

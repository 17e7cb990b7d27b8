// What the patient sees of a program: phases, each exercise with its picture, dosage in words,
// cues and the clinician's note. Used by the patient's plan page, its print view and the
// builder's preview (which has no ticks).
import type { ReactNode } from "react";
import { dosageLoad, dosageSchedule, type Dosage } from "@/app/_components/exercises/dosage";

export type PlanViewItem = {
  key: string;
  name: string;
  imageUrl: string;
  dosage: Dosage;
  note: string | null;
  cues?: string[];
  steps?: string[];
};
export type PlanViewPhase = { key: string; title: string; notes: string | null; items: PlanViewItem[] };

export function PlanView({
  phases,
  renderAction,
}: {
  phases: PlanViewPhase[];
  renderAction?: (item: PlanViewItem) => ReactNode;
}) {
  let n = 0;
  return (
    <div className="plan">
      {phases.map((phase) => (
        <section key={phase.key} className="plan-phase" aria-label={phase.title}>
          <h2>{phase.title}</h2>
          {phase.notes ? <p className="muted">{phase.notes}</p> : null}
          <ol className="plan-items" start={n + 1}>
            {phase.items.map((item) => {
              n += 1;
              return (
                <li key={item.key} className="plan-item">
                  <img src={item.imageUrl} alt="" width={180} height={120} loading="lazy" />
                  <div className="plan-item-body">
                    <h3>{item.name}</h3>
                    <p className="plan-dosage">
                      <strong>{dosageLoad(item.dosage)}</strong> · {dosageSchedule(item.dosage)}
                    </p>
                    {item.note ? <p className="plan-note">{item.note}</p> : null}
                    {item.steps?.length ? (
                      <>
                        <details className="plan-steps no-print">
                          <summary>How to do it</summary>
                          <ol>
                            {item.steps.map((s, i) => (
                              <li key={i}>{s}</li>
                            ))}
                          </ol>
                        </details>
                        <ol className="print-only">
                          {item.steps.map((s, i) => (
                            <li key={i}>{s}</li>
                          ))}
                        </ol>
                      </>
                    ) : null}
                    {item.cues?.length ? (
                      <ul className="plan-cues">
                        {item.cues.slice(0, 3).map((c, i) => (
                          <li key={i}>{c}</li>
                        ))}
                      </ul>
                    ) : null}
                  </div>
                  {renderAction ? <div className="plan-item-action">{renderAction(item)}</div> : null}
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </div>
  );
}

"use client";
// Programs: where to start one (from a patient's page), the templates the clinic can start from,
// and the exercise library.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";

export function ProgramsHome({ slug }: { slug: string }) {
  const trpc = useTRPC();
  const templates = useQuery(trpc.programs.templates.queryOptions());
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Programs</h1>
          <p>Home-exercise programs are built on a patient’s page: open the patient, then “New program”.</p>
        </div>
        <div className="actions">
          <Link className="btn" href={`/c/${slug}/patients`}>
            Choose a patient
          </Link>
          <Link className="btn" href={`/c/${slug}/exercises`}>
            Exercise library
          </Link>
        </div>
      </div>
      <section className="card" aria-labelledby="tpl-h">
        <h2 id="tpl-h">Templates</h2>
        {templates.isPending ? (
          <div className="skeleton" style={{ height: "6rem" }} />
        ) : templates.isError ? (
          <div className="alert alert-error" role="alert">
            {errorMessage(templates.error)}
          </div>
        ) : templates.data.length === 0 ? (
          <p className="muted">No templates yet. Save any program as a template from the builder.</p>
        ) : (
          <ul className="tpl-list">
            {templates.data.map((t) => (
              <li key={t.id} className="tpl-card">
                <div>
                  <strong>{t.name}</strong>{" "}
                  {t.source === "clinic" ? (
                    <span className="badge">Clinic template</span>
                  ) : (
                    <span className="badge">Shipped</span>
                  )}
                  <p className="muted">{t.summary}</p>
                  <ol className="muted">
                    {t.phases.map((p, i) => (
                      <li key={i}>
                        {p.title} — {p.items.length} exercises
                      </li>
                    ))}
                  </ol>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

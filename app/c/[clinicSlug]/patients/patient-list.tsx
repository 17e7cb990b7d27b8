"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { PatientForm } from "./patient-form";
import { PersonName } from "@/app/_components/person-name";
import { ScrollRegion } from "@/app/_components/scroll-region";

const PAGE = 25;

export function PatientList({ slug }: { slug: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [input, setInput] = useState("");
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(0);
  const [creating, setCreating] = useState(false);
  const searchBox = useRef<HTMLInputElement>(null);

  // Anything typed into the search box before the page became interactive is searched for, not dropped.
  useEffect(() => {
    const typed = searchBox.current?.value ?? "";
    if (typed) setInput(typed);
  }, []);

  useEffect(() => {
    const t = setTimeout(() => {
      setSearch(input.trim());
      setPage(0);
    }, 250);
    return () => clearTimeout(t);
  }, [input]);

  const list = useQuery({
    ...trpc.patients.list.queryOptions({ search: search || undefined, limit: PAGE, offset: page * PAGE }),
    placeholderData: keepPreviousData,
  });
  const create = useMutation(
    trpc.patients.create.mutationOptions({
      onSuccess: async (patient) => {
        await queryClient.invalidateQueries({ queryKey: trpc.patients.list.queryKey() });
        router.push(`/c/${slug}/patients/${patient.id}?created=1`);
      },
    }),
  );

  const total = list.data?.total ?? 0;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Patients</h1>
          <p>
            {list.data
              ? `${total} ${total === 1 ? "patient" : "patients"}${search ? ` matching “${search}”` : ""}`
              : "Loading…"}
          </p>
        </div>
        <button className="btn btn-primary" type="button" onClick={() => setCreating(true)} aria-expanded={creating}>
          New patient
        </button>
      </div>

      {creating ? (
        <section className="card" aria-labelledby="new-patient-h">
          <h2 id="new-patient-h">New patient</h2>
          <PatientForm
            submitLabel="Create patient"
            pending={create.isPending}
            error={create.error}
            onSubmit={(v) => create.mutate(v)}
            onCancel={() => setCreating(false)}
          />
        </section>
      ) : null}

      <div className="card">
        <div className="field" style={{ maxWidth: 420, marginBottom: "1rem" }}>
          <label htmlFor="patient-search">Search patients</label>
          <input
            id="patient-search"
            ref={searchBox}
            type="search"
            placeholder="Name, email or phone"
            value={input}
            onChange={(e) => setInput(e.target.value)}
          />
        </div>
        {list.isError ? (
          <div className="alert alert-error" role="alert">
            {errorMessage(list.error)}
          </div>
        ) : null}
        {list.isPending ? (
          <div aria-busy="true" aria-label="Loading patients">
            {Array.from({ length: 5 }, (_, i) => (
              <div className="skeleton" key={i} />
            ))}
          </div>
        ) : list.data && list.data.patients.length === 0 ? (
          <div className="empty">
            <h2>{search ? "No patients match" : "No patients yet"}</h2>
            <p>
              {search
                ? "Try part of a name, an email or a phone number."
                : "Add your first patient with “New patient”."}
            </p>
          </div>
        ) : (
          <ScrollRegion label="Patients">
            <table className="table" aria-busy={list.isFetching}>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Phone</th>
                  <th scope="col">Date of birth</th>
                </tr>
              </thead>
              <tbody>
                {list.data?.patients.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link href={`/c/${slug}/patients/${p.id}`}>
                        <PersonName first={p.firstName} last={p.lastName} order="last-first" />
                      </Link>
                      {p.selfBookedAt ? (
                        <>
                          {" "}
                          <span className="badge">Self-booked</span>
                        </>
                      ) : null}
                    </td>
                    <td>{p.email ?? <span className="muted">—</span>}</td>
                    <td>{p.phone ?? <span className="muted">—</span>}</td>
                    <td>{p.dateOfBirth ?? <span className="muted">—</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
        {total > PAGE ? (
          <div className="actions" style={{ marginTop: "1rem" }}>
            <button className="btn btn-small" type="button" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>
              Previous
            </button>
            <span className="muted">
              Page {page + 1} of {Math.ceil(total / PAGE)}
            </span>
            <button
              className="btn btn-small"
              type="button"
              disabled={(page + 1) * PAGE >= total}
              onClick={() => setPage((p) => p + 1)}
            >
              Next
            </button>
          </div>
        ) : null}
      </div>
    </>
  );
}

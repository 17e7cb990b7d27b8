import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { appDb } from "@/db/client";
import { env } from "@/server/env";
import { listOutbox } from "@/server/mail/send";

export const metadata: Metadata = { title: "Mail outbox" };

export default async function OutboxPage() {
  if (env.NODE_ENV === "production") notFound();
  const emails = await listOutbox(appDb(), 100);
  return (
    <main className="main" style={{ margin: "0 auto" }}>
      <div className="page-header">
        <div>
          <h1>Mail outbox</h1>
          <p>Development only. Without RESEND_API_KEY, every email Junction sends is kept here instead.</p>
        </div>
      </div>
      <div className="card">
        {emails.length === 0 ? (
          <div className="empty">
            <h2>No emails yet</h2>
            <p>Ask for a sign-in link or invite a team member, then refresh.</p>
          </div>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">When (UTC)</th>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
                <th scope="col">Template</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {emails.map((e) => (
                <tr key={e.id}>
                  <td>{e.createdAt.toISOString().replace("T", " ").slice(0, 19)}</td>
                  <td>{e.to}</td>
                  <td>
                    <Link href={`/dev/outbox/${e.id}`}>{e.subject}</Link>
                  </td>
                  <td>
                    <span className="badge">{e.template}</span>
                  </td>
                  <td>{e.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </main>
  );
}

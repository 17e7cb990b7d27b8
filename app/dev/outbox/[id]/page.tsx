import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { appDb } from "@/db/client";
import { env } from "@/server/env";
import { getOutboxEmail } from "@/server/mail/send";

export default async function OutboxEmailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (env.NODE_ENV === "production" || !z.string().uuid().safeParse(id).success) notFound();
  const email = await getOutboxEmail(appDb(), id);
  if (!email) notFound();
  return (
    <main className="main" style={{ margin: "0 auto" }}>
      <Link href="/dev/outbox">← Outbox</Link>
      <h1>{email.subject}</h1>
      <p className="muted">
        To {email.to} · {email.createdAt.toISOString()} · template {email.template}
      </p>
      <iframe
        className="email-frame"
        title={`Email: ${email.subject}`}
        sandbox="allow-popups allow-popups-to-escape-sandbox"
        srcDoc={email.html}
      />
      <details className="card" style={{ marginTop: "1rem" }} open>
        <summary>Plain-text version</summary>
        <pre style={{ whiteSpace: "pre-wrap" }}>{email.text}</pre>
      </details>
    </main>
  );
}

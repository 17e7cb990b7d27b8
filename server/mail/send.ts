// The only sender. Renders a react-email component to HTML and text, then sends it through
// Resend (RESEND_API_KEY set) or keeps it in the local outbox. Every message has an idempotency
// key: sending the same key twice stores and sends it once.
import { render } from "@react-email/render";
import { desc, eq } from "drizzle-orm";
import type { ReactElement } from "react";
import { Resend } from "resend";
import type { DbOrTx } from "@/db/client";
import { emailOutbox, type EmailAttachment, type OutboxEmail } from "@/db/schema";
import { env } from "@/server/env";

export type EmailMessage = {
  to: string;
  subject: string;
  template: string;
  element: ReactElement;
  idempotencyKey: string;
  clinicId?: string | null;
  attachments?: EmailAttachment[];
};

export type SendResult = { id: string; duplicate: boolean; delivered: "resend" | "outbox" };

export async function renderEmail(element: ReactElement): Promise<{ html: string; text: string }> {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text };
}

export async function sendEmail(db: DbOrTx, message: EmailMessage): Promise<SendResult> {
  const { html, text } = await renderEmail(message.element);
  const [stored] = await db
    .insert(emailOutbox)
    .values({
      idempotencyKey: message.idempotencyKey,
      clinicId: message.clinicId ?? null,
      template: message.template,
      to: message.to,
      subject: message.subject,
      html,
      text,
      status: env.RESEND_API_KEY ? "sending" : "stored",
      attachments: message.attachments ?? null,
    })
    .onConflictDoNothing({ target: emailOutbox.idempotencyKey })
    .returning({ id: emailOutbox.id });

  if (!stored) {
    const [existing] = await db.select({ id: emailOutbox.id }).from(emailOutbox).where(eq(emailOutbox.idempotencyKey, message.idempotencyKey));
    return { id: existing?.id ?? "", duplicate: true, delivered: env.RESEND_API_KEY ? "resend" : "outbox" };
  }
  if (!env.RESEND_API_KEY) return { id: stored.id, duplicate: false, delivered: "outbox" };

  const resend = new Resend(env.RESEND_API_KEY);
  const { data, error } = await resend.emails.send(
    {
      from: env.EMAIL_FROM,
      to: message.to,
      subject: message.subject,
      html,
      text,
      attachments: message.attachments?.map((a) => ({ filename: a.filename, content: Buffer.from(a.content).toString("base64"), contentType: a.contentType })),
    },
    { idempotencyKey: message.idempotencyKey },
  );
  await db
    .update(emailOutbox)
    .set(error ? { status: "failed" } : { status: "sent", providerId: data?.id ?? null })
    .where(eq(emailOutbox.id, stored.id));
  if (error) throw new Error(`Email could not be sent: ${error.message}`);
  return { id: stored.id, duplicate: false, delivered: "resend" };
}

export async function listOutbox(db: DbOrTx, limit = 50): Promise<OutboxEmail[]> {
  return db.select().from(emailOutbox).orderBy(desc(emailOutbox.createdAt)).limit(limit);
}

export async function getOutboxEmail(db: DbOrTx, id: string): Promise<OutboxEmail | null> {
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
  return row ?? null;
}

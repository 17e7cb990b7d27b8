// The only sender. Renders a react-email component to HTML and text, then sends it through
// Resend (RESEND_API_KEY set) or keeps it in the local outbox. Every message has an idempotency
// key: sending the same key twice stores it once, and Resend is given the key too, so a retry after
// a crash between the provider's answer and our commit is answered once by the provider.
import { plainTextSelectors } from "@react-email/render";
import { desc, eq } from "drizzle-orm";
import { compile } from "html-to-text";
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
  /** Shown as the sender's name, at EMAIL_FROM's address (e.g. the clinic's name). */
  fromName?: string;
  replyTo?: string | null;
  /** Extra headers, e.g. List-Unsubscribe on mail that is not strictly transactional. */
  headers?: Record<string, string>;
};

export type SendResult = { id: string; duplicate: boolean; delivered: "resend" | "outbox"; providerId: string | null };

/** The provider refused or could not be reached. `retryable`: worth trying again later (5xx, 429, timeouts). */
export class EmailProviderError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "EmailProviderError";
  }
}

const PROVIDER_TIMEOUT_MS = 15_000;
const XHTML_DOCTYPE =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';
// react-email's own plain-text rules, compiled once (compiling per message costs ~2 ms).
const toPlainText = compile({ wordwrap: false, selectors: plainTextSelectors });

/**
 * HTML and plain text for a template. Our templates are synchronous, so React's static renderer
 * does what react-email's streaming render() does at a seventh of the cost; the text part uses
 * react-email's conversion rules. react-dom/server is imported lazily, as react-email does.
 */
export async function renderEmail(element: ReactElement): Promise<{ html: string; text: string }> {
  const { renderToStaticMarkup } = await import("react-dom/server");
  const html = XHTML_DOCTYPE + renderToStaticMarkup(element).replace(/<!DOCTYPE.*?>/, "");
  return { html, text: toPlainText(html) };
}

/** `"Clinic Name" <address of EMAIL_FROM>`, or EMAIL_FROM itself. */
export function fromHeader(name?: string): string {
  if (!name) return env.EMAIL_FROM;
  const address = /<([^>]+)>/.exec(env.EMAIL_FROM)?.[1] ?? env.EMAIL_FROM.trim();
  return `"${name.replace(/["\\\r\n]/g, "")}" <${address}>`;
}

export async function sendEmail(db: DbOrTx, message: EmailMessage): Promise<SendResult> {
  const { html, text } = await renderEmail(message.element);
  const from = fromHeader(message.fromName);
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
      fromAddress: from,
      replyTo: message.replyTo ?? null,
      headers: message.headers ?? null,
    })
    .onConflictDoNothing({ target: emailOutbox.idempotencyKey })
    .returning();

  if (!stored) {
    const [existing] = await db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.idempotencyKey, message.idempotencyKey));
    if (!existing) throw new Error(`Outbox row for ${message.idempotencyKey} vanished`);
    // Stored before but never confirmed sent (a crash, or a provider failure): ask again with the
    // same key and the stored content; the provider sends it at most once per key.
    if (env.RESEND_API_KEY && existing.status !== "sent") return deliverStored(db, existing, true);
    return {
      id: existing.id,
      duplicate: true,
      delivered: env.RESEND_API_KEY ? "resend" : "outbox",
      providerId: existing.providerId,
    };
  }
  if (!env.RESEND_API_KEY) return { id: stored.id, duplicate: false, delivered: "outbox", providerId: null };
  return deliverStored(db, stored, false);
}

async function deliverStored(db: DbOrTx, row: OutboxEmail, duplicate: boolean): Promise<SendResult> {
  const resend = new Resend(env.RESEND_API_KEY);
  const { data, error } = await resend.emails.send(
    {
      from: row.fromAddress ?? env.EMAIL_FROM,
      to: row.to,
      subject: row.subject,
      html: row.html,
      text: row.text,
      ...(row.replyTo ? { replyTo: row.replyTo } : {}),
      ...(row.headers ? { headers: row.headers } : {}),
      attachments: row.attachments?.map((a) => ({
        filename: a.filename,
        content: Buffer.from(a.content).toString("base64"),
        contentType: a.contentType,
      })),
    },
    { idempotencyKey: row.idempotencyKey, signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS) },
  );
  if (error || !data) {
    await db.update(emailOutbox).set({ status: "failed" }).where(eq(emailOutbox.id, row.id));
    const status = typeof error?.statusCode === "number" ? error.statusCode : null;
    // Timeouts and network errors have no status; 408, 409 (a concurrent request with the same key), 429 and 5xx pass.
    const retryable = status === null || status >= 500 || [408, 409, 429].includes(status);
    throw new EmailProviderError(
      `Email could not be sent: ${error?.message ?? "no answer from the provider"}${status ? ` (${status})` : ""}`,
      status,
      retryable,
    );
  }
  await db.update(emailOutbox).set({ status: "sent", providerId: data.id }).where(eq(emailOutbox.id, row.id));
  return { id: row.id, duplicate, delivered: "resend", providerId: data.id };
}

export async function listOutbox(db: DbOrTx, limit = 50): Promise<OutboxEmail[]> {
  return db.select().from(emailOutbox).orderBy(desc(emailOutbox.createdAt)).limit(limit);
}

export async function getOutboxEmail(db: DbOrTx, id: string): Promise<OutboxEmail | null> {
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
  return row ?? null;
}

// Mail is rendered from the react-email templates into real HTML and plain text, kept in the
// local outbox when no Resend key is configured, and sent once per idempotency key.
import { eq } from "drizzle-orm";
import { createElement } from "react";
import { describe, expect, test } from "vitest";
import { appDb } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import MagicLinkEmail, { magicLinkSubject } from "@/emails/magic-link";
import TeamInviteEmail, { teamInviteSubject } from "@/emails/team-invite";
import { sendEmail } from "@/server/mail/send";
import { adminDb } from "../fixtures/db";

const link = "https://junction.example/auth/magic?token=tok_123&next=%2Fc%2Fcascade";

/** The words a mail client shows for this HTML: no tags, comments or entities. */
const readable = (html: string) =>
  html
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

const outboxFor = (key: string) => adminDb().select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, key));

describe("sending an email without a Resend key", () => {
  test("renders the template to HTML and text and keeps it in the outbox", async () => {
    const result = await sendEmail(appDb(), {
      to: "ada@example.com",
      subject: magicLinkSubject(),
      template: "magic-link",
      element: createElement(MagicLinkEmail, { name: "Ada Lovelace", url: link, minutes: 15 }),
      idempotencyKey: "test:magic-link:ada",
    });
    expect(result).toMatchObject({ duplicate: false, delivered: "outbox" });

    const [stored] = await outboxFor("test:magic-link:ada");
    expect(stored).toMatchObject({
      id: result.id,
      to: "ada@example.com",
      subject: "Your Junction sign-in link",
      template: "magic-link",
      status: "stored",
    });
    expect(stored!.html).toMatch(/^<!DOCTYPE html/i);
    expect(stored!.html).toContain(`href="${link.replace(/&/g, "&amp;")}"`);
    expect(readable(stored!.html)).toContain("Sign in to Junction");
    expect(readable(stored!.html)).toContain(
      "Hi Ada Lovelace, use the button below to sign in. The link works once and expires in 15 minutes.",
    );
    expect(stored!.text).toContain(
      "Hi Ada Lovelace, use the button below to sign in. The link works once and expires in 15 minutes.",
    );
    expect(stored!.text).toContain(link);
    expect(stored!.text).not.toMatch(/<[a-z!/]/i);
  });

  test("renders the clinic's name and the invitation link into a team invitation", async () => {
    const props = {
      inviteeName: "Sam Okafor",
      inviterName: "Dana Reyes",
      clinicName: "Harbor Spine & Joint",
      roleLabel: "front desk",
      url: link,
    };
    await sendEmail(appDb(), {
      to: "sam@example.com",
      subject: teamInviteSubject(props),
      template: "team-invite",
      element: createElement(TeamInviteEmail, props),
      idempotencyKey: "test:invite:sam",
    });
    const [stored] = await outboxFor("test:invite:sam");
    expect(stored!.subject).toBe("Dana Reyes added you to Harbor Spine & Joint on Junction");
    expect(readable(stored!.html)).toContain("Welcome to Harbor Spine & Joint");
    expect(stored!.html).toContain(`href="${link.replace(/&/g, "&amp;")}"`);
    expect(stored!.text).toContain("Hi Sam Okafor, Dana Reyes added you to Harbor Spine & Joint as front desk.");
    expect(stored!.text).toContain(link);
  });

  test("the same idempotency key twice stores one email and says the second was a duplicate", async () => {
    const message = {
      to: "grace@example.com",
      subject: magicLinkSubject(),
      template: "magic-link",
      element: createElement(MagicLinkEmail, { name: "Grace Hopper", url: link, minutes: 15 }),
      idempotencyKey: "test:magic-link:grace",
    };
    const first = await sendEmail(appDb(), message);
    const second = await sendEmail(appDb(), {
      ...message,
      element: createElement(MagicLinkEmail, { name: "Someone Else", url: link, minutes: 15 }),
    });
    expect(first.duplicate).toBe(false);
    expect(second).toEqual({ id: first.id, duplicate: true, delivered: "outbox", providerId: null });

    const stored = await outboxFor("test:magic-link:grace");
    expect(stored).toHaveLength(1);
    expect(stored[0]!.text).toContain("Grace Hopper");
    expect(stored[0]!.text).not.toContain("Someone Else");
  });
});

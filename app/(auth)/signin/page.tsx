import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/server/auth";
import { safeRedirect } from "@/server/auth/safe-redirect";
import { env } from "@/server/env";
import { SignInForms } from "./sign-in-forms";

export const metadata: Metadata = { title: "Sign in" };

// Why the last session ended (?ended=…), shown above the form.
const SESSION_ENDED_MESSAGES: Record<string, string> = {
  idle: "You were signed out because there was no activity for a while. Sign in again to continue.",
  ended: "Your session has ended. Sign in again to continue.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string; ended?: string }>;
}) {
  const { callbackUrl, error, ended } = await searchParams;
  const safeCallback = safeRedirect(callbackUrl);
  if (await getSessionUser()) redirect(safeCallback);
  const endedMessage = ended ? (SESSION_ENDED_MESSAGES[ended] ?? SESSION_ENDED_MESSAGES.ended) : undefined;
  return (
    <div className="card auth-card">
      <h1>Sign in to Junction</h1>
      <p className="muted">For clinic staff. Patients open their plan from the link in their email.</p>
      {endedMessage ? (
        <div className="alert alert-info" role="status">
          {endedMessage}
        </div>
      ) : null}
      <SignInForms
        callbackUrl={safeCallback}
        initialError={error ? "That sign-in did not work. Please try again." : undefined}
      />
      <p className="muted" style={{ marginTop: "1.25rem" }}>
        New clinic? <Link href="/signup">Create your clinic</Link>
      </p>
      {env.NODE_ENV !== "production" ? (
        <p className="muted" style={{ fontSize: "0.85rem" }}>
          Development: emails are not sent; read them in the <Link href="/dev/outbox">mail outbox</Link>.
        </p>
      ) : null}
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/server/auth";
import { env } from "@/server/env";
import { SignInForms } from "./sign-in-forms";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  const { callbackUrl, error } = await searchParams;
  const safeCallback = callbackUrl?.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/";
  if (await getSessionUser()) redirect(safeCallback);
  return (
    <div className="card auth-card">
      <h1>Sign in to Junction</h1>
      <p className="muted">For clinic staff. Patients open their plan from the link in their email.</p>
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

"use client";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { safeRedirect } from "@/server/auth/safe-redirect";

// A button rather than an automatic sign-in: mail scanners that open links must not use them up.
export function MagicSignIn({ token, next }: { token: string; next: string }) {
  const router = useRouter();
  const [state, setState] = useState<"idle" | "pending" | "error">(token ? "idle" : "error");
  const [error, setError] = useState(token ? "" : "This link is incomplete. Ask for a new one.");

  async function go() {
    setState("pending");
    const result = await signIn("magic-link", { token, redirect: false });
    if (result?.ok && !result.error) {
      router.replace(safeRedirect(next));
      router.refresh();
    } else {
      setState("error");
      setError(
        result?.error && result.error !== "CredentialsSignin"
          ? result.error
          : "This sign-in link has expired or was already used.",
      );
    }
  }

  if (state === "error") {
    return (
      <>
        <div className="alert alert-error" role="alert">
          {error}
        </div>
        <Link className="btn" href="/signin">
          Back to sign in
        </Link>
      </>
    );
  }
  return (
    <>
      <p className="muted">The link works once. Continue to sign in on this device.</p>
      <button className="btn btn-primary" type="button" onClick={go} disabled={state === "pending"} autoFocus>
        {state === "pending" ? "Signing in…" : "Continue"}
      </button>
    </>
  );
}

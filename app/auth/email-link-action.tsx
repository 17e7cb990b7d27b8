"use client";
// Finishing something from an emailed link (a sign-up, an invitation): a button rather than an
// automatic action, so mail scanners that open links do not use them up. The server answers with
// a one-time sign-in token for this browser, and the person lands in the clinic.
import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";

export function EmailLinkAction({ kind, token }: { kind: "sign-up" | "join"; token: string }) {
  const trpc = useTRPC();
  const [failed, setFailed] = useState(token ? "" : "This link is incomplete.");
  const confirm = useMutation(trpc.auth.confirmSignUp.mutationOptions());
  const join = useMutation(trpc.auth.acceptInvitation.mutationOptions());
  const action = kind === "sign-up" ? confirm : join;

  async function go() {
    const done = await action.mutateAsync({ token }).catch(() => null);
    if (!done) return;
    const result = await signIn("magic-link", { token: done.signInToken, redirect: false });
    if (result?.ok && !result.error) window.location.assign(`/c/${done.slug}`);
    else setFailed("Done, but signing you in failed. Sign in to continue.");
  }

  const error = failed || (action.isError ? errorMessage(action.error) : "");
  if (error) {
    return (
      <>
        <div className="alert alert-error" role="alert">
          {error}
        </div>
        <Link className="btn" href={kind === "sign-up" ? "/signup" : "/signin"}>
          {kind === "sign-up" ? "Back to sign-up" : "Sign in"}
        </Link>
      </>
    );
  }
  return (
    <button className="btn btn-primary" type="button" onClick={go} disabled={action.isPending} autoFocus>
      {action.isPending ? "One moment…" : kind === "sign-up" ? "Open my clinic" : "Join the clinic"}
    </button>
  );
}

"use client";
import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field } from "@/app/_components/field";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { safeRedirect } from "@/server/auth/safe-redirect";

export function SignInForms({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  const router = useRouter();
  const trpc = useTRPC();
  const [error, setError] = useState(initialError);
  const [pending, setPending] = useState(false);
  const [email, setEmail] = useState("");
  const magic = useMutation(trpc.auth.requestMagicLink.mutationOptions());

  async function onPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const result = await signIn("password", {
      email: String(form.get("email")),
      password: String(form.get("password")),
      redirect: false,
    });
    setPending(false);
    if (result?.ok && !result.error) {
      router.replace(safeRedirect(callbackUrl));
      router.refresh();
    } else {
      setError(
        result?.error && result.error !== "CredentialsSignin"
          ? result.error
          : "That email and password do not match an account.",
      );
    }
  }

  return (
    <>
      {error ? (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      ) : null}
      <form className="form" onSubmit={onPassword}>
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required />
        <button className="btn btn-primary" type="submit" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <div className="divider">or</div>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          magic.mutate({ email });
        }}
      >
        {magic.isSuccess ? (
          <div className="alert alert-ok" role="status">
            {magic.data.message}
          </div>
        ) : null}
        {magic.isError ? (
          <div className="alert alert-error" role="alert">
            {errorMessage(magic.error)}
          </div>
        ) : null}
        <button className="btn" type="submit" disabled={magic.isPending || !email}>
          {magic.isPending ? "Sending…" : "Email me a sign-in link"}
        </button>
        <span className="hint muted">Uses the email above. The link works once, for 15 minutes.</span>
      </form>
    </>
  );
}

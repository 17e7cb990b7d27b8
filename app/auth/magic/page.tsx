import type { Metadata } from "next";
import { safeRedirect } from "@/server/auth/safe-redirect";
import { MagicSignIn } from "./magic-sign-in";

export const metadata: Metadata = { title: "Signing you in" };

export default async function MagicLinkPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string; next?: string }>;
}) {
  const { token, next } = await searchParams;
  const safeNext = safeRedirect(next);
  return (
    <main className="center-page">
      <div className="card auth-card">
        <h1>Sign in with your email link</h1>
        <MagicSignIn token={token ?? ""} next={safeNext} />
      </div>
    </main>
  );
}

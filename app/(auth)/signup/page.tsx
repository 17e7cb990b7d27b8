import type { Metadata } from "next";
import Link from "next/link";
import { env } from "@/server/env";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create your clinic" };

export default function SignUpPage() {
  return (
    <div className="card auth-card" style={{ maxWidth: 560 }}>
      <h1>Create your clinic</h1>
      <p className="muted">
        You will be its owner. Opening hours start as Monday–Friday 7:00–19:00; change them any time.
      </p>
      <SignUpForm outbox={env.NODE_ENV !== "production"} />
      <p className="muted" style={{ marginTop: "1.25rem" }}>
        Already on Junction? <Link href="/signin">Sign in</Link>
      </p>
    </div>
  );
}

"use client";
// The kiosk in the browser: handing the tablet over ("Answer in clinic" → the lock → a full page
// load of the kiosk, replacing the staff page in history), keeping the back button on the kiosk
// page (the server sends any other staff URL back there anyway), and the way out: the staff
// member's password, or signing out.
import { useMutation } from "@tanstack/react-query";
import { signOut } from "next-auth/react";
import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";

/** Starts the kiosk for one open questionnaire and loads it in place of the current page. */
export function useStartKiosk() {
  const trpc = useTRPC();
  return useMutation(trpc.kiosk.start.mutationOptions({ onSuccess: ({ url }) => window.location.replace(url) }));
}

export function KioskGuard({ children }: { children: ReactNode }) {
  useEffect(() => {
    const stay = () => window.history.pushState(null, "", window.location.href);
    stay();
    window.addEventListener("popstate", stay);
    return () => window.removeEventListener("popstate", stay);
  }, []);
  return <div className="kiosk-page">{children}</div>;
}

export function ReturnToStaff() {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState("");
  const leave = useMutation(trpc.kiosk.leave.mutationOptions({ onSuccess: ({ url }) => window.location.replace(url) }));
  // The server clears the session and the lock in one response; next-auth's own sign-out then tidies up.
  const end = useMutation(
    trpc.kiosk.endSession.mutationOptions({ onSuccess: () => void signOut({ callbackUrl: "/signin" }) }),
  );
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    leave.mutate({ password });
    setPassword("");
  }
  if (!open) {
    return (
      <div className="kiosk-exit">
        <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
          Return to staff
        </button>
      </div>
    );
  }
  return (
    <form className="card form kiosk-exit" onSubmit={submit} aria-label="Return to staff">
      <p>For staff: enter your password to leave the patient&apos;s questionnaire.</p>
      {leave.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(leave.error)}
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="kiosk-password">Your password</label>
        <input
          id="kiosk-password"
          className="input"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </div>
      <div className="actions">
        <button className="btn btn-primary" type="submit" disabled={leave.isPending || !password}>
          {leave.isPending ? "Checking…" : "Return to staff"}
        </button>
        <button type="button" className="btn" disabled={end.isPending} onClick={() => end.mutate()}>
          Sign out instead
        </button>
        <button type="button" className="btn" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

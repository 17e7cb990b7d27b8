"use client";
// Automatic sign-out, the staff side: asks the server (GET /api/session, not counted as activity) how long
// the session has left, warns a minute before the end, "Stay signed in" pings the server (POST), and once
// the server has ended it, signs out to the sign-in page with the reason. The server enforces the timeout.
import { signOut } from "next-auth/react";
import { useCallback, useEffect, useId, useRef, useState } from "react";

const WARN_SECONDS = 60;
// How often to re-ask while far from the end: activity in other tabs moves the deadline.
const POLL_MS = 15_000;

type Status =
  { signedIn: false; reason: string | null } | { signedIn: true; timeoutMinutes: number; remainingSeconds: number };

async function sessionStatus(method: "GET" | "POST"): Promise<Status | null> {
  try {
    const res = await fetch("/api/session", { method, cache: "no-store", credentials: "same-origin" });
    if (res.status === 401) return (await res.json()) as Status;
    return res.ok ? ((await res.json()) as Status) : null;
  } catch {
    return null; // offline: try again at the next tick
  }
}

export function IdleWarning() {
  const [deadline, setDeadline] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [staying, setStaying] = useState(false);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const textId = useId();
  const endedRef = useRef(false);

  const apply = useCallback((status: Status | null) => {
    if (!status || endedRef.current) return;
    if (!status.signedIn) {
      endedRef.current = true;
      void signOut({ callbackUrl: `/signin?ended=${status.reason === "idle" ? "idle" : "ended"}` });
      return;
    }
    setDeadline(Date.now() + status.remainingSeconds * 1000);
    setNow(Date.now());
  }, []);

  // Ask now, then again before the warning is due (and every POLL_MS while far from it).
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    let cancelled = false;
    let asking = false;
    async function tick() {
      if (asking) return; // the answer on its way is fresh enough
      asking = true;
      clearTimeout(timer);
      const status = await sessionStatus("GET");
      asking = false;
      if (cancelled) return;
      apply(status);
      const remainingMs = status?.signedIn ? status.remainingSeconds * 1000 : POLL_MS;
      const untilWarning = remainingMs - WARN_SECONDS * 1000;
      const wait = untilWarning > 0 ? Math.min(POLL_MS, untilWarning) : Math.min(POLL_MS, Math.max(1000, remainingMs));
      timer = setTimeout(tick, wait);
    }
    // Coming back to the tab (or waking the computer) asks at once: the session may have ended meanwhile.
    function wake() {
      if (document.visibilityState === "visible") void tick();
    }
    void tick();
    window.addEventListener("focus", wake);
    document.addEventListener("visibilitychange", wake);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      window.removeEventListener("focus", wake);
      document.removeEventListener("visibilitychange", wake);
    };
  }, [apply]);

  const remaining = deadline === null ? null : Math.max(0, Math.ceil((deadline - now) / 1000));
  const warning = remaining !== null && remaining <= WARN_SECONDS;

  // The countdown, once a second while the warning shows; at zero, ask the server (it ends the session).
  useEffect(() => {
    if (!warning) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [warning]);
  useEffect(() => {
    if (remaining === 0) void sessionStatus("GET").then(apply);
  }, [remaining, apply]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (warning && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLButtonElement>("[data-autofocus]")?.focus();
    } else if (!warning && dialog.open) dialog.close();
  }, [warning]);

  async function stay() {
    setStaying(true);
    apply(await sessionStatus("POST"));
    setStaying(false);
  }

  return (
    <dialog
      ref={dialogRef}
      className="cal-dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onCancel={(e) => {
        e.preventDefault();
        void stay();
      }}
    >
      <div className="cal-dialog-head">
        <h2 id={titleId}>Are you still there?</h2>
      </div>
      <div className="cal-dialog-body">
        <p id={textId}>
          You will be signed out in {remaining ?? WARN_SECONDS} seconds because there has been no activity.
        </p>
        <div className="form-actions" style={{ display: "flex", gap: "0.5rem" }}>
          <button
            className="btn btn-primary"
            type="button"
            data-autofocus
            onClick={() => void stay()}
            disabled={staying}
          >
            Stay signed in
          </button>
          <button
            className="btn"
            type="button"
            onClick={() => {
              endedRef.current = true;
              void signOut({ callbackUrl: "/signin" });
            }}
          >
            Sign out now
          </button>
        </div>
      </div>
    </dialog>
  );
}

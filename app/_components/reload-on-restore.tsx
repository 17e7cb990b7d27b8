"use client";
// A staff page restored from the browser's back-forward cache is shown again from the server, so
// the server decides what it may show now (e.g. not while the tablet is with a patient).
import { useEffect } from "react";

export function ReloadOnRestore() {
  useEffect(() => {
    const onShow = (event: PageTransitionEvent) => {
      if (event.persisted) window.location.reload();
    };
    window.addEventListener("pageshow", onShow);
    return () => window.removeEventListener("pageshow", onShow);
  }, []);
  return null;
}

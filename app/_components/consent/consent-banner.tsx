"use client";
// The cookie banner on public pages (vanilla-cookieconsent, driven by ./controller.ts). Renders
// nothing itself except a notice when a decision could not be saved.
import "vanilla-cookieconsent/dist/cookieconsent.css";
import "./consent.css";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { ConsentClientConfig } from "@/server/consent/page-config";
import { startConsent, type ConsentController } from "./controller";

export function ConsentBanner({ config }: { config: ConsentClientConfig }) {
  const pathname = usePathname();
  const [problem, setProblem] = useState<string | null>(null);
  const controller = useRef<ConsentController | null>(null);
  // The layout hands a new object after a refresh; only a different configuration restarts the banner.
  const key = JSON.stringify(config);
  const configRef = useRef(config);
  configRef.current = config;

  useEffect(() => {
    const started = startConsent(configRef.current, { onProblem: setProblem });
    controller.current = started;
    return () => {
      started.stop();
      controller.current = null;
    };
  }, [key]);

  useEffect(() => {
    controller.current?.pathChanged(pathname);
  }, [pathname]);

  return problem ? (
    <div className="alert alert-warn consent-problem" role="status">
      {problem}
    </div>
  ) : null;
}

// Wraps every public page: the page, a footer with "Cookie settings" and the cookie policy, and the
// consent banner for whoever owns the page (a clinic, or Junction itself).
import { cookies, headers } from "next/headers";
import type { ReactNode } from "react";
import { appDb } from "@/db/client";
import { authSecret, env } from "@/server/env";
import {
  buildConsentClientConfig,
  consentScopeForPatientToken,
  PLATFORM_SCOPE,
  scopeCookieName,
  type ConsentScope,
} from "@/server/consent/page-config";
import { declaredTagSources, tagPagePolicy } from "@/server/consent/tag-policy";
import { BANNER_TEXTS } from "@/server/consent/texts";
import { ConsentBanner } from "./consent-banner";
import { PublicFooter } from "./public-footer";

export async function PublicShell({ scope, children }: { scope: ConsentScope; children: ReactNode }) {
  const [cookieStore, h] = await Promise.all([cookies(), headers()]);
  const path = (h.get("x-pathname") ?? "").split("?")[0];
  const config = buildConsentClientConfig(scope, {
    cookieValue: cookieStore.get(scopeCookieName(scope))?.value,
    gpcHeader: h.get("sec-gpc") === "1",
    nonce: h.get("x-nonce"),
    secret: authSecret(),
    path,
  });
  const texts = BANNER_TEXTS[config.language];
  // The booking page narrows proxy.ts's policy to the hosts its tags declared (React puts <meta> in <head>).
  const tagPolicy =
    scope.kind === "clinic" && config.tagPath !== null && path?.replace(/\/$/, "") === config.tagPath
      ? tagPagePolicy(declaredTagSources(scope.settings.tags), {
          nonce: config.nonce,
          dev: env.NODE_ENV !== "production",
        })
      : null;
  return (
    <>
      {tagPolicy ? <meta httpEquiv="Content-Security-Policy" content={tagPolicy} /> : null}
      {children}
      <PublicFooter
        policyHref={config.policyHref}
        labels={{ settings: texts.cookieSettings, policy: texts.policyLink }}
      />
      <ConsentBanner config={config} />
    </>
  );
}

/**
 * The consent scope of a page opened from a patient's emailed link (/p/<token>…, /unsubscribe/<token>):
 * the clinic that signed the link. Layouts do not get their children's params, so the token comes
 * from the request path (proxy.ts passes it as x-pathname).
 */
export async function patientLinkScope(prefix: "/p/" | "/q/" | "/unsubscribe/"): Promise<ConsentScope> {
  const path = (await headers()).get("x-pathname") ?? "";
  const segment = path.startsWith(prefix) ? path.slice(prefix.length).split(/[/?#]/)[0] : "";
  let token = "";
  try {
    token = decodeURIComponent(segment ?? "");
  } catch {
    token = "";
  }
  return token ? consentScopeForPatientToken(appDb(), token) : PLATFORM_SCOPE;
}

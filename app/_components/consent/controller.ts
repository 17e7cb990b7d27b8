// Runs vanilla-cookieconsent for one public page and ties it to the server: every decision is
// POSTed to /api/consent (the proof), the signature that comes back goes into the consent cookie,
// tags run only for what the server recorded, and withdrawing removes them and reloads the page.
import * as CookieConsent from "vanilla-cookieconsent";
import { GPC_REFUSED, type ConsentCategory } from "@/server/consent/categories";
import type { ConsentClientConfig } from "@/server/consent/page-config";
import type { ConsentProof } from "@/server/consent/consent-cookie";
import { clearTagCookies, eraseCookie, injectTag, removeTags } from "./tags";
import { buildTranslation, libraryCategories, necessaryOnlyTranslation } from "./translation";

type Source = "banner" | "settings" | "gpc";

let running = false;
let settingsOpened = false;
/** run() and reset() one after another, even when React mounts, unmounts and mounts again at once. */
let lifecycle: Promise<unknown> = Promise.resolve();

/** What POST /api/consent answers (server/consent/record.ts RecordedConsent, as JSON). */
type Recorded = { granted: ConsentCategory[]; proof: ConsentProof };

/** The footer's "Cookie settings": reopens the choice (decisions made there are logged as "settings"). */
export function openCookieSettings(): void {
  if (!running) return;
  settingsOpened = true;
  CookieConsent.showPreferences();
}

export type ConsentController = { stop: () => void; pathChanged: (path: string) => void };

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Keeps the page scrollable above the bottom bar while it shows, so it never hides a control for good. */
function reserveSpace(show: boolean): void {
  const bar = document.querySelector<HTMLElement>("#cc-main .cm");
  const height = show && bar ? Math.ceil(bar.getBoundingClientRect().height) : 0;
  document.body.style.paddingBottom = height ? `${height}px` : "";
  document.documentElement.style.scrollPaddingBottom = height ? `${height + 8}px` : "";
}

export function startConsent(
  config: ConsentClientConfig,
  hooks: { onProblem: (message: string | null) => void },
): ConsentController {
  const gpc =
    config.gpcHeader || (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
  // The banner shows only where a clinic's tag could run (its booking page): strictly necessary
  // cookies need no consent (ePrivacy Art. 5(3)), so elsewhere there is nothing to ask.
  const ask = config.tags.length > 0;
  let stopped = false;
  let suppress = false;
  let path = location.pathname;
  /** What the server recorded (or verified in the cookie); null until then. */
  let granted: ConsentCategory[] | null = null;
  const applied = new Set<string>();
  let observer: ResizeObserver | null = null;

  const apply = () => {
    if (!granted || path !== config.tagPath) return;
    for (const tag of config.tags) {
      if (granted.includes(tag.category) && !applied.has(tag.category)) {
        injectTag(tag, config.nonce);
        applied.add(tag.category);
      }
    }
  };

  const decide = async (source: Source, accepted: readonly string[]) => {
    hooks.onProblem(null);
    let recorded: Recorded;
    try {
      const response = await fetch("/api/consent", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          clinic: config.clinicSlug,
          consentId: CookieConsent.getCookie("consentId"),
          accepted,
          policyVersion: config.policyVersion,
          language: config.language,
          source,
          gpc,
        }),
      });
      if (!response.ok) throw new Error(String(response.status));
      recorded = (await response.json()) as Recorded;
    } catch {
      // Not recorded, so not relied on: optional cookies stay off and the banner asks next time.
      granted = ["necessary"];
      clearTagCookies(config.tags, granted);
      hooks.onProblem("Your cookie choice could not be saved, so optional cookies stay off. Please try again later.");
      return;
    }
    if (!sameSet(CookieConsent.getCookie("categories") ?? [], recorded.granted)) {
      suppress = true;
      try {
        CookieConsent.acceptCategory([...recorded.granted]);
      } finally {
        suppress = false;
      }
    }
    CookieConsent.setCookieData({ value: recorded.proof, mode: "overwrite" });
    granted = recorded.granted;
    clearTagCookies(config.tags, granted);
    const withdrawn = [...applied].filter((c) => !recorded.granted.includes(c as ConsentCategory));
    if (withdrawn.length > 0) {
      removeTags(withdrawn);
      location.reload();
      return;
    }
    apply();
  };

  const onDecision = ({ cookie }: { cookie: CookieConsent.CookieValue }) => {
    if (suppress) return;
    void decide(settingsOpened ? "settings" : "banner", cookie.categories);
  };

  // A cookie the server could not verify (altered, unsigned, expired) counts as no consent.
  if (config.cookie.verdict === "invalid") eraseCookie(config.cookieName);

  const run = () =>
    CookieConsent.run({
      mode: "opt-in",
      autoShow: ask,
      revision: config.policyVersion,
      manageScriptTags: false,
      autoClearCookies: false,
      disablePageInteraction: false,
      // Real visitors and browser tests alike get the banner (the default hides it from webdriver).
      hideFromBots: false,
      cookie: {
        name: config.cookieName,
        path: "/",
        sameSite: "Lax",
        secure: location.protocol === "https:",
        expiresAfterDays: config.lifetimeDays,
      },
      guiOptions: {
        consentModal: { layout: "bar inline", position: "bottom", equalWeightButtons: true, flipButtons: false },
        preferencesModal: { layout: "box", equalWeightButtons: true, flipButtons: false },
      },
      categories: libraryCategories(gpc, config.choices),
      language: {
        default: config.language,
        translations: {
          [config.language]: config.choices
            ? buildTranslation(config.texts, { gpc, policyHref: config.policyHref })
            : necessaryOnlyTranslation(config.texts),
        },
      },
      onFirstConsent: onDecision,
      onChange: onDecision,
      onModalReady: ({ modal }) => modal.setAttribute("lang", config.language),
      onModalShow: ({ modalName }) => {
        if (modalName !== "consentModal") return;
        reserveSpace(true);
        const bar = document.querySelector("#cc-main .cm");
        if (bar && typeof ResizeObserver !== "undefined") {
          observer = new ResizeObserver(() => reserveSpace(true));
          observer.observe(bar);
        }
      },
      onModalHide: ({ modalName }) => {
        if (modalName === "preferencesModal") settingsOpened = false;
        if (modalName !== "consentModal") return;
        observer?.disconnect();
        observer = null;
        reserveSpace(false);
      },
    }).then(() => {
      if (stopped) return;
      running = true;
      const stored: string[] = CookieConsent.validConsent() ? (CookieConsent.getCookie("categories") ?? []) : [];
      if (config.cookie.verdict === "valid" && CookieConsent.validConsent()) {
        if (gpc && stored.some((c) => (GPC_REFUSED as readonly string[]).includes(c))) {
          // A decision from before the browser sent GPC: the signal withdraws analytics and marketing.
          void decide(
            "gpc",
            stored.filter((c) => !(GPC_REFUSED as readonly string[]).includes(c)),
          );
          return;
        }
        granted = config.cookie.granted.filter((c) => !(gpc && (GPC_REFUSED as readonly string[]).includes(c)));
      }
      clearTagCookies(config.tags, granted ?? ["necessary"]);
      apply();
    });

  lifecycle = lifecycle.then(() => {
    if (stopped) return;
    return run();
  });

  return {
    stop() {
      stopped = true;
      running = false;
      observer?.disconnect();
      reserveSpace(false);
      lifecycle = lifecycle.then(() => CookieConsent.reset(false));
    },
    pathChanged(next) {
      // Tags never follow a client-side navigation off the booking page: load the next page afresh.
      if (applied.size > 0 && next !== config.tagPath) {
        location.reload();
        return;
      }
      path = next;
      apply();
    },
  };
}

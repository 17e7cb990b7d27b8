// A clinic's third-party tags in the browser: injected only for a granted category, removed on
// withdrawal (the page then reloads, so nothing they started keeps running), and the cookies they
// declared cleared whenever their category is not granted.
import type { ConsentTagConfig } from "@/server/consent/page-config";
import { matchesDeclaredCookie } from "@/server/consent/registry";

const ATTRIBUTE = "data-consent-tag";

export function injectTag(tag: ConsentTagConfig, nonce: string | null): void {
  if (document.querySelector(`script[${ATTRIBUTE}="${tag.category}"]`)) return;
  const add = (configure: (script: HTMLScriptElement) => void) => {
    const script = document.createElement("script");
    script.setAttribute(ATTRIBUTE, tag.category);
    if (nonce) script.nonce = nonce;
    configure(script);
    document.head.appendChild(script);
  };
  if (tag.scriptUrl) {
    const src = tag.scriptUrl;
    add((s) => {
      s.src = src;
      s.async = true;
    });
  }
  if (tag.inlineScript) {
    const code = tag.inlineScript;
    add((s) => {
      s.textContent = code;
    });
  }
}

export function removeTags(categories: readonly string[]): void {
  for (const category of categories) {
    document.querySelectorAll(`script[${ATTRIBUTE}="${category}"]`).forEach((el) => el.remove());
  }
}

/** Deletes a cookie on this host and its parent domains (tags often set theirs on the site's domain). */
export function eraseCookie(name: string): void {
  const parts = location.hostname.split(".");
  const domains = [null, ...parts.slice(0, -1).map((_, i) => parts.slice(i).join("."))];
  for (const domain of domains) {
    document.cookie = `${name}=; Max-Age=0; Path=/${domain ? `; Domain=${domain}` : ""}`;
  }
}

export function browserCookieNames(): string[] {
  return document.cookie
    .split(";")
    .map((c) => c.split("=")[0]!.trim())
    .filter(Boolean);
}

/** Clears every cookie a tag declared ("_ga" exactly, "_ga*" as a prefix) for categories not granted. */
export function clearTagCookies(tags: readonly ConsentTagConfig[], granted: readonly string[]): void {
  const names = browserCookieNames();
  for (const tag of tags) {
    if (granted.includes(tag.category)) continue;
    for (const declared of tag.cookies) {
      names.filter((n) => matchesDeclaredCookie(declared, n)).forEach(eraseCookie);
    }
  }
}

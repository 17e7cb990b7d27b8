// The Content-Security-Policy a clinic's booking page adds for its tags: scripts, requests, images
// and frames may reach our own origin and the https hosts the clinic's tags declared, nothing else.
// proxy.ts cannot know the tags (no database there), so its header allows https on booking pages
// and this second policy, in a <meta> at the top of the page, narrows it: a browser enforces both.
import type { ConsentTags } from "@/db/schema";
import { OPTIONAL_CATEGORIES } from "./categories";

/** The CSP sources of one tag: its script address's host and the hosts its owner declared, all https. */
export function tagSources(tag: { scriptUrl?: string | null; hosts?: readonly string[] }): string[] {
  const sources = new Set<string>();
  if (tag.scriptUrl) {
    try {
      const url = new URL(tag.scriptUrl);
      if (url.protocol === "https:") sources.add(`https://${url.host}`);
    } catch {
      // a stored address that no longer parses reaches nothing
    }
  }
  for (const host of tag.hosts ?? []) sources.add(`https://${host}`);
  return [...sources];
}

/** Every source the clinic's tags declared (a visitor may allow any of their categories on the page). */
export function declaredTagSources(tags: ConsentTags): string[] {
  return [...new Set(OPTIONAL_CATEGORIES.flatMap((c) => (tags[c] ? tagSources(tags[c]) : [])))].sort();
}

/** The policy for a booking page: its own origin, this response's nonce and the declared sources. */
export function tagPagePolicy(sources: readonly string[], opts: { nonce: string | null; dev: boolean }): string {
  const hosts = sources.map((s) => ` ${s}`).join("");
  return [
    `script-src 'self'${opts.nonce ? ` 'nonce-${opts.nonce}'` : ""}${opts.dev ? " 'unsafe-eval'" : ""}${hosts}`,
    `connect-src 'self'${opts.dev ? " ws: wss:" : ""}${hosts}`,
    `img-src 'self' data: blob:${hosts}`,
    `frame-src 'self'${hosts}`,
  ].join("; ");
}

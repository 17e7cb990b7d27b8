// The banner's version: its language and a hash of its wording, stored with each decision so the
// log shows exactly which text a visitor answered. Any change to server/consent/texts.ts changes it.
import { createHash } from "node:crypto";
import { BANNER_TEXTS, type ConsentLanguage } from "./texts";

const versions = new Map<ConsentLanguage, string>();

/** e.g. "en-3f2a9c1b07d4". */
export function bannerTextVersion(language: ConsentLanguage): string {
  let version = versions.get(language);
  if (!version) {
    version = `${language}-${createHash("sha256").update(JSON.stringify(BANNER_TEXTS[language])).digest("hex").slice(0, 12)}`;
    versions.set(language, version);
  }
  return version;
}

// The exercise pictures served at /exercise-art/<name>.svg: the library's original SVG
// illustrations (db/seed/exercise-library), and a neutral picture for a clinic exercise without one.
import { ILLUSTRATIONS } from "@/db/seed/library-source";

const CLINIC_PLACEHOLDER = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 160" role="img" aria-label="Exercise">
<rect width="240" height="160" rx="12" fill="#f0fdfa"/>
<circle cx="120" cy="52" r="14" fill="none" stroke="#0f766e" stroke-width="6"/>
<path d="M120 66v38M120 80l-26 14M120 80l26 14M120 104l-20 30M120 104l20 30" fill="none" stroke="#0f766e" stroke-width="6" stroke-linecap="round"/>
</svg>`;

/** The SVG for a file name like "dead-bug.svg", or null when there is no such picture. */
export function exerciseArt(file: string): string | null {
  const match = /^([a-z0-9_-]{1,80})\.svg$/.exec(file);
  if (!match) return null;
  const name = match[1]!;
  if (name === "_clinic") return CLINIC_PLACEHOLDER;
  return Object.prototype.hasOwnProperty.call(ILLUSTRATIONS, name) ? ILLUSTRATIONS[name]! : null;
}

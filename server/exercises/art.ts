// The exercise pictures served at /exercise-art/<name>.svg: the library's original SVG
// illustrations (db/seed/exercise-library), and a neutral picture for a clinic exercise without one.
// Email clients (Gmail, Outlook) show no SVG, so each picture is also served as a PNG
// (/exercise-art/<name>.png, rendered once by resvg and kept in memory) for the plan email.
import { Resvg } from "@resvg/resvg-js";
import { ILLUSTRATIONS } from "@/db/seed/library-source";

const CLINIC_PLACEHOLDER = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 160" role="img" aria-label="Exercise">
<rect width="240" height="160" rx="12" fill="#f0fdfa"/>
<circle cx="120" cy="52" r="14" fill="none" stroke="#0f766e" stroke-width="6"/>
<path d="M120 66v38M120 80l-26 14M120 80l26 14M120 104l-20 30M120 104l20 30" fill="none" stroke="#0f766e" stroke-width="6" stroke-linecap="round"/>
</svg>`;

function svgNamed(name: string): string | null {
  if (name === "_clinic") return CLINIC_PLACEHOLDER;
  return Object.prototype.hasOwnProperty.call(ILLUSTRATIONS, name) ? ILLUSTRATIONS[name]! : null;
}

/** The SVG for a file name like "dead-bug.svg", or null when there is no such picture. */
export function exerciseArt(file: string): string | null {
  const match = /^([a-z0-9_-]{1,80})\.svg$/.exec(file);
  return match ? svgNamed(match[1]!) : null;
}

/** Width of the PNG rendition: twice the email's 240 px slot, sharp on high-density screens. */
export const ART_PNG_WIDTH = 480;
const pngCache = new Map<string, Buffer>();

/** The PNG rendition for a file name like "dead-bug.png", or null when there is no such picture. */
export function exerciseArtPng(file: string): Buffer | null {
  const match = /^([a-z0-9_-]{1,80})\.png$/.exec(file);
  if (!match) return null;
  const name = match[1]!;
  const cached = pngCache.get(name);
  if (cached) return cached;
  const svg = svgNamed(name);
  if (!svg) return null;
  const png = new Resvg(svg, { fitTo: { mode: "width", value: ART_PNG_WIDTH }, background: "#ffffff" })
    .render()
    .asPng();
  pngCache.set(name, png);
  return png;
}

/** The picture's address for an email: our own SVG pictures as their PNG rendition, other addresses as they are. */
export function emailArtPath(imageUrl: string): string {
  return imageUrl.replace(/^(\/exercise-art\/[a-z0-9_-]{1,80})\.svg$/, "$1.png");
}

// Exercise illustrations (server/exercises/art.ts): public, cacheable, and inert — the SVG may not
// run scripts or load anything, even when opened on its own.
import { exerciseArt, exerciseArtPng } from "@/server/exercises/art";

const CACHE = "public, max-age=604800, stale-while-revalidate=2592000";

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  if (file.endsWith(".png")) {
    const png = exerciseArtPng(file);
    if (!png)
      return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    return new Response(new Uint8Array(png), {
      headers: { "Content-Type": "image/png", "Cache-Control": CACHE, "X-Content-Type-Options": "nosniff" },
    });
  }
  const svg = exerciseArt(file);
  if (!svg) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(svg, {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Cache-Control": CACHE,
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

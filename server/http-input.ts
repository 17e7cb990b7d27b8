// How the tRPC endpoint takes input: a signed patient link never travels in a URL (GET ?input=…
// lands in logs, history and Referer), so patient procedures answer only POST; nothing the API
// answers may be cached (patient data).
import { appRouter } from "./root";
import type { Meta } from "./trpc";

type ProcedureLike = { _def: { meta?: Meta } };

/** Procedures scoped by a signed patient link (input.token): plan.*, questionnaire.*, booking.manage… */
export const PATIENT_LINK_PROCEDURES: ReadonlySet<string> = new Set(
  Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureLike>)
    .filter(([, p]) => p._def.meta?.scope === "patient")
    .map(([path]) => path),
);

/** A refusal for a GET that would carry a patient link in its URL; null when the request may go on. */
export function refuseLinkInUrl(req: Request, endpoint: string): Response | null {
  if (req.method !== "GET" && req.method !== "HEAD") return null;
  const raw = new URL(req.url).pathname.slice(endpoint.length + 1);
  let paths: string[];
  try {
    paths = decodeURIComponent(raw).split(",");
  } catch {
    return Response.json({ error: { message: "This address is not valid.", code: -32600 } }, { status: 400 });
  }
  if (!paths.some((path) => PATIENT_LINK_PROCEDURES.has(path))) return null;
  return Response.json(
    { error: { message: "Send patient links in the body of a POST request, not in the address.", code: -32600 } },
    { status: 405, headers: { Allow: "POST", "Cache-Control": "no-store" } },
  );
}

/** Every API answer: never stored by the browser or a proxy. */
export const NO_STORE = { "Cache-Control": "no-store" } as const;

import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createRequestContext } from "@/server/context";
import { NO_STORE, refuseLinkInUrl } from "@/server/http-input";
import { appRouter } from "@/server/root";

const handler = (req: Request) =>
  refuseLinkInUrl(req, "/api/trpc") ??
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    // The browser client sends queries by POST too (app/_lib/trpc.tsx), so patient links stay out of URLs.
    allowMethodOverride: true,
    createContext: ({ resHeaders }) => createRequestContext(req, resHeaders),
    responseMeta: () => ({ headers: NO_STORE }),
    // People see a plain sentence for unexpected failures (server/trpc.ts); the detail goes to the log.
    onError({ path, error }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`[trpc] ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });

export { handler as GET, handler as POST };

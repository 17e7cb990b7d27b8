import { authRouter } from "./auth/router";
import { clinicRouter } from "./clinic/router";
import { meRouter } from "./me/router";
import { patientsRouter } from "./patients/router";
import { portalRouter } from "./portal/router";
import { teamRouter } from "./team/router";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  me: meRouter,
  clinic: clinicRouter,
  team: teamRouter,
  patients: patientsRouter,
  portal: portalRouter,
});

export type AppRouter = typeof appRouter;

/**
 * Procedures reachable without a clinic membership (portal.* is scoped by a signed patient link). Everything else must be built with clinicProcedure;
 * tests/integration/tenant-isolation.test.ts fails when a procedure is neither.
 */
export const NON_CLINIC_PROCEDURES = ["auth.requestMagicLink", "auth.signUp", "me.clinics", "me.addClinic", "portal.overview"] as const;

export const createCaller = createCallerFactory(appRouter);

import { auditRouter } from "./audit-log/router";
import { authRouter } from "./auth/router";
import { billingRouter } from "./billing/router";
import { bookingRouter } from "./booking/router";
import { clinicRouter } from "./clinic/router";
import { exercisesRouter } from "./exercises/router";
import { consentRouter } from "./consent/router";
import { kioskRouter } from "./kiosk/router";
import { dashboardRouter } from "./dashboard/router";
import { meRouter } from "./me/router";
import { messagesRouter } from "./messages/router";
import { questionnaireRouter } from "./outcomes/questionnaire-router";
import { outcomesRouter } from "./outcomes/router";
import { patientsRouter } from "./patients/router";
import { paymentAccountRouter } from "./payments/account-router";
import { chargesRouter } from "./payments/charges-router";
import { planRouter } from "./plan/router";
import { portalRouter } from "./portal/router";
import { programsRouter } from "./programs/router";
import { schedulingRouter } from "./scheduling/router";
import { teamRouter } from "./team/router";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  me: meRouter,
  clinic: clinicRouter,
  team: teamRouter,
  patients: patientsRouter,
  portal: portalRouter,
  scheduling: schedulingRouter,
  booking: bookingRouter,
  messages: messagesRouter,
  exercises: exercisesRouter,
  programs: programsRouter,
  plan: planRouter,
  consent: consentRouter,
  outcomes: outcomesRouter,
  questionnaire: questionnaireRouter,
  audit: auditRouter,
  billing: billingRouter,
  paymentAccount: paymentAccountRouter,
  kiosk: kioskRouter,
  dashboard: dashboardRouter,
  charges: chargesRouter,
});

export type AppRouter = typeof appRouter;

/**
 * Procedures reachable without a clinic membership (portal.*, plan.* and questionnaire.* are scoped by a signed patient link). Everything else must be built with clinicProcedure;
 * tests/integration/tenant-isolation.test.ts fails when a procedure is neither.
 */
export const NON_CLINIC_PROCEDURES = [
  "auth.requestMagicLink",
  "auth.signUp",
  "auth.confirmSignUp",
  "auth.acceptInvitation",
  "me.clinics",
  "me.addClinic",
  "me.changePassword",
  "me.signOutEverywhere",
  "portal.overview",
  // the patient's plan page: scoped by a signed plan link (patientProcedure)
  "plan.today",
  "plan.setDone",
  "plan.feedback",
  // the patient's questionnaire page: scoped by a signed questionnaire link (patientProcedure)
  "questionnaire.get",
  "questionnaire.saveDraft",
  "questionnaire.submit",
  // public self-booking: scoped by the slug (publicClinicProcedure) or a signed appointment link
  "booking.clinic",
  "booking.slots",
  "booking.days",
  "booking.book",
  "booking.manage",
  "booking.manageSlots",
  "booking.manageDays",
  "booking.cancel",
  "booking.reschedule",
] as const;

export const createCaller = createCallerFactory(appRouter);

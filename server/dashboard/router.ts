// The owner dashboard: owners see the clinic, clinicians only themselves (forced in load.ts);
// the front desk is refused. Owners alone change the dashboard settings.
import { auditRead, clinicProcedure, OWNER_ONLY, router } from "@/server/trpc";
import { drillDown, loadDashboard, type Viewer } from "./load";
import { dashboardFiltersSchema, dashboardSettingsSchema, drillDownSchema } from "./schemas";
import { updateDashboardSettings } from "./settings";

export const DASHBOARD_ROLES = ["owner", "clinician"] as const;
const viewers = () => clinicProcedure({ roles: DASHBOARD_ROLES });

const viewer = (ctx: {
  clinic: { id: string; timeZone: string; role: Viewer["role"] };
  user: { id: string };
}): Viewer => ({ clinicId: ctx.clinic.id, timeZone: ctx.clinic.timeZone, userId: ctx.user.id, role: ctx.clinic.role });

export const dashboardRouter = router({
  // Both name patients (at-risk list, drill-down rows): each call leaves an audit row with their ids.
  overview: viewers()
    .meta(auditRead("dashboard.overview", "patient"))
    .input(dashboardFiltersSchema)
    .query(({ ctx, input }) => loadDashboard(ctx.tx, viewer(ctx), input)),
  drillDown: viewers()
    .meta(auditRead("dashboard.drillDown", "patient"))
    .input(drillDownSchema)
    .query(({ ctx, input }) => drillDown(ctx.tx, viewer(ctx), input.kind, input.filters)),
  updateSettings: clinicProcedure({ roles: OWNER_ONLY })
    .input(dashboardSettingsSchema)
    .mutation(({ ctx, input }) =>
      updateDashboardSettings(ctx.tx, { clinicId: ctx.clinic.id, userId: ctx.user.id }, input),
    ),
});

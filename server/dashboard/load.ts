// One dashboard load: the scope from the request (clinicians are always limited to themselves),
// then every KPI query; and the rows behind one number, for the drill-down and the CSV.
import { and, asc, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { appointmentTypes, clinics, memberships, users, type Role } from "@/db/schema";
import { localDateTime } from "@/server/scheduling/zoned-time";
import { appointmentRows, attendanceKpi, visitsKpi } from "./attendance";
import { adherenceKpi, dischargedEpisodes, episodeStats, outcomesKpi, remindersKpi, REMINDER_MIN_GROUP } from "./care";
import { atRiskRows, newPatientRows, newPatientsKpi } from "./patients";
import { resolvePeriod } from "./period";
import { dashboardFiltersSchema, type DashboardFilters, type DrillKind } from "./schemas";
import type { DashboardScope } from "./scope";
import { utilizationKpi } from "./utilization";
import { revenueKpi, revenueRows } from "./revenue";

export type Viewer = { clinicId: string; timeZone: string; userId: string; role: Role };

/** The published US outpatient PT no-show rate (AAOE survey): the reference line of KPI 2. */
export const AAOE_NO_SHOW_PERCENT = 10.9;
/** Share of patients who drop out within 3 visits (WebPT): the reference of the early-dropout share. */
export const EARLY_DROPOUT_REFERENCE_PERCENT = 20;

export async function dashboardScope(
  tx: Tx,
  viewer: Viewer,
  filters: DashboardFilters,
  now: Date,
): Promise<DashboardScope & { noShowGoalPercent: number | null; referralSources: string[] }> {
  const f = dashboardFiltersSchema.parse(filters);
  const [settings] = await tx
    .select({
      lateCancelHours: clinics.lateCancelHours,
      noShowGoalPercent: clinics.noShowGoalPercent,
      referralSources: clinics.referralSources,
    })
    .from(clinics)
    .where(eq(clinics.id, viewer.clinicId));
  const today = localDateTime(now, viewer.timeZone).date;
  return {
    clinicId: viewer.clinicId,
    timeZone: viewer.timeZone,
    period: resolvePeriod(f, today),
    // Enforced here, not in the page: a clinician's dashboard is their own, whatever they ask for.
    clinicianId: viewer.role === "clinician" ? viewer.userId : (f.clinicianId ?? null),
    typeId: f.typeId ?? null,
    lateCancelHours: settings?.lateCancelHours ?? 24,
    noShowGoalPercent: settings?.noShowGoalPercent ?? null,
    referralSources: settings?.referralSources ?? [],
    now,
  };
}

/** Every number of one dashboard page. */
export async function loadDashboard(tx: Tx, viewer: Viewer, filters: DashboardFilters, now = new Date()) {
  const s = await dashboardScope(tx, viewer, filters, now);
  const episodes = await dischargedEpisodes(tx, s);
  const [clinicians, types] = await Promise.all([
    tx
      .select({ id: users.id, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.clinicId, viewer.clinicId), eq(memberships.role, "clinician")))
      .orderBy(asc(users.name)),
    tx
      .select({ id: appointmentTypes.id, name: appointmentTypes.name })
      .from(appointmentTypes)
      .where(eq(appointmentTypes.clinicId, viewer.clinicId))
      .orderBy(asc(appointmentTypes.name)),
  ]);
  return {
    period: s.period,
    clinicianId: s.clinicianId,
    typeId: s.typeId,
    limitedToSelf: viewer.role === "clinician",
    clinicians: viewer.role === "clinician" ? clinicians.filter((c) => c.id === viewer.userId) : clinicians,
    types,
    settings: {
      lateCancelHours: s.lateCancelHours,
      noShowGoalPercent: s.noShowGoalPercent,
      referralSources: s.referralSources,
    },
    reference: { noShowPercent: AAOE_NO_SHOW_PERCENT, earlyDropoutPercent: EARLY_DROPOUT_REFERENCE_PERCENT },
    visits: await visitsKpi(tx, s),
    attendance: await attendanceKpi(tx, s),
    utilization: await utilizationKpi(tx, s),
    newPatients: await newPatientsKpi(tx, s),
    atRisk: await atRiskRows(tx, s),
    episodes: {
      current: episodeStats(episodes.filter((e) => e.current)),
      previous: episodeStats(episodes.filter((e) => !e.current)),
    },
    outcomes: await outcomesKpi(tx, s),
    adherence: await adherenceKpi(tx, s),
    reminders: { ...(await remindersKpi(tx, s)), minGroup: REMINDER_MIN_GROUP },
    revenue: await revenueKpi(tx, s),
  };
}
export type Dashboard = Awaited<ReturnType<typeof loadDashboard>>;

/** The rows behind one number of the current period, as the drill-down list and the CSV show them. */
export async function drillDown(tx: Tx, viewer: Viewer, kind: DrillKind, filters: DashboardFilters, now = new Date()) {
  const s = await dashboardScope(tx, viewer, filters, now);
  switch (kind) {
    case "new_patients":
      return { kind, rows: await newPatientRows(tx, s) } as const;
    case "at_risk":
      return { kind, rows: await atRiskRows(tx, s) } as const;
    case "episodes":
      return { kind, rows: await dischargedEpisodes(tx, s, true) } as const;
    case "revenue_charged":
    case "revenue_collected":
    case "revenue_refunded":
    case "revenue_outstanding":
      return { kind, rows: await revenueRows(tx, s, kind) } as const;
    default:
      return { kind, rows: await appointmentRows(tx, s, kind) } as const;
  }
}
export type DrillDown = Awaited<ReturnType<typeof drillDown>>;

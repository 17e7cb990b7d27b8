// One dashboard load: the scope from the request (clinicians are always limited to themselves),
// then every KPI in one statement (statement.ts) — plus the outcomes and adherence engines when
// there is something for them to read; and the rows behind one number, for the drill-down and the CSV.
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import type { Role } from "@/db/schema";
import { localDateTime } from "@/server/scheduling/zoned-time";
import { appointmentRows, attendanceSql, visitsSql, type AttendanceKpi, type VisitsKpi } from "./attendance";
import {
  adherenceKpi,
  adherenceRows,
  outcomeRows,
  assignedProgramsSql,
  dischargedEpisodesSql,
  dischargeWeeks,
  episodeStats,
  outcomesKpi,
  parseReminders,
  remindersSql,
  REMINDER_MIN_GROUP,
  type AssignedProgram,
  type EpisodeRow,
  type RemindersFragment,
} from "./care";
import { atRiskSql, newPatientRows, newPatientsSql, type AtRiskRow, type NewPatientsKpi } from "./patients";
import { resolvePeriod } from "./period";
import { dashboardFiltersSchema, type DashboardFilters, type DrillKind } from "./schemas";
import type { DashboardScope } from "./scope";
import { dashboardSettingsSql, type DashboardSettings } from "./settings";
import { runFragments } from "./statement";
import { comparedUntilSql } from "./counts";
import { parseUtilization, utilizationSql, type UtilizationKpi } from "./utilization";
import { parseRevenue, revenueRows, revenueSql, type RevenueKpi } from "./revenue";

export type Viewer = { clinicId: string; timeZone: string; userId: string; role: Role };

/** The published US outpatient PT no-show rate (AAOE survey): the reference line of KPI 2. */
export const AAOE_NO_SHOW_PERCENT = 10.9;
/** Share of patients who drop out within 3 visits (WebPT): the reference of the early-dropout share. */
export const EARLY_DROPOUT_REFERENCE_PERCENT = 20;

export function dashboardScope(viewer: Viewer, filters: DashboardFilters, now: Date): DashboardScope {
  const f = dashboardFiltersSchema.parse(filters);
  const today = localDateTime(now, viewer.timeZone).date;
  return {
    clinicId: viewer.clinicId,
    timeZone: viewer.timeZone,
    period: resolvePeriod(f, today),
    // Enforced here, not in the page: a clinician's dashboard is their own, whatever they ask for.
    clinicianId: viewer.role === "clinician" ? viewer.userId : (f.clinicianId ?? null),
    typeId: f.typeId ?? null,
    now,
  };
}

type Named = { id: string; name: string };
type Fragments = {
  settings: DashboardSettings | null;
  clinicians: Named[];
  types: Named[];
  visits: VisitsKpi;
  attendance: AttendanceKpi;
  utilization: UtilizationKpi;
  newPatients: NewPatientsKpi;
  atRisk: AtRiskRow[];
  episodes: EpisodeRow[];
  reminders: RemindersFragment;
  programs: AssignedProgram[];
  revenue: RevenueKpi;
  comparedUntil: string | null;
};

/** The KPI fragments of one page load, each a key of the statement's JSON object. */
export function overviewFragments(viewer: Viewer, s: DashboardScope): { [K in keyof Fragments]: SQL } {
  return {
    settings: dashboardSettingsSql(viewer.clinicId),
    clinicians: sql`(SELECT coalesce(json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY u.name), '[]')
                       FROM memberships m JOIN users u ON u.id = m.user_id
                      WHERE m.clinic_id = ${viewer.clinicId} AND m.takes_appointments)`,
    types: sql`(SELECT coalesce(json_agg(json_build_object('id', id, 'name', name) ORDER BY name), '[]')
                  FROM appointment_types WHERE clinic_id = ${viewer.clinicId})`,
    visits: visitsSql(),
    attendance: attendanceSql(),
    utilization: utilizationSql(s),
    newPatients: newPatientsSql(s),
    atRisk: atRiskSql(s),
    episodes: dischargedEpisodesSql(s),
    reminders: remindersSql(),
    programs: assignedProgramsSql(s),
    revenue: revenueSql(s),
    comparedUntil: comparedUntilSql(s),
  };
}

/** Visits per discharged episode and early dropout: the period, the one before, and each week of discharge. */
function episodesKpi(episodes: EpisodeRow[]) {
  return {
    current: episodeStats(episodes.filter((e) => e.current)),
    previous: episodeStats(episodes.filter((e) => !e.current)),
    weekly: dischargeWeeks(episodes).map(([week, list]) => ({ week, ...episodeStats(list) })),
  };
}

/** Every number of one dashboard page. */
export async function loadDashboard(tx: Tx, viewer: Viewer, filters: DashboardFilters, now = new Date()) {
  const s = dashboardScope(viewer, filters, now);
  // the built statement is reused for the same page (the viewer and the scope but its `now`)
  const key = JSON.stringify([viewer, { ...s, now: undefined }]);
  const k = await runFragments<Fragments>(tx, s, (scope) => overviewFragments(viewer, scope), key);
  return {
    period: s.period,
    /** The clinic's local date now: weeks after it are still to come (the charts leave them blank). */
    today: localDateTime(now, viewer.timeZone).date,
    comparedUntil: k.comparedUntil,
    clinicianId: s.clinicianId,
    typeId: s.typeId,
    limitedToSelf: viewer.role === "clinician",
    clinicians: viewer.role === "clinician" ? k.clinicians.filter((c) => c.id === viewer.userId) : k.clinicians,
    types: k.types,
    settings: {
      lateCancelHours: k.settings?.lateCancelHours ?? 24,
      noShowGoalPercent: k.settings?.noShowGoalPercent ?? null,
      referralSources: k.settings?.referralSources ?? [],
    },
    reference: { noShowPercent: AAOE_NO_SHOW_PERCENT, earlyDropoutPercent: EARLY_DROPOUT_REFERENCE_PERCENT },
    visits: k.visits,
    attendance: k.attendance,
    utilization: parseUtilization(k.utilization),
    newPatients: k.newPatients,
    atRisk: k.atRisk,
    episodes: episodesKpi(k.episodes),
    outcomes: await outcomesKpi(tx, s, k.episodes),
    adherence: await adherenceKpi(tx, s, k.programs),
    reminders: { ...parseReminders(k.reminders), minGroup: REMINDER_MIN_GROUP },
    revenue: parseRevenue(k.revenue),
  };
}
export type Dashboard = Awaited<ReturnType<typeof loadDashboard>>;

/** The rows behind one number of the current period, as the drill-down list and the CSV show them. */
export async function drillDown(tx: Tx, viewer: Viewer, kind: DrillKind, filters: DashboardFilters, now = new Date()) {
  const s = dashboardScope(viewer, filters, now);
  switch (kind) {
    case "new_patients":
      return { kind, rows: await newPatientRows(tx, s) } as const;
    case "at_risk":
      return {
        kind,
        rows: (await runFragments<{ rows: AtRiskRow[] }>(tx, s, () => ({ rows: atRiskSql(s) }))).rows,
      } as const;
    case "episodes": {
      const fragment = { rows: dischargedEpisodesSql(s, true) };
      return { kind, rows: (await runFragments<{ rows: EpisodeRow[] }>(tx, s, () => fragment)).rows } as const;
    }
    case "outcomes": {
      const fragment = { rows: dischargedEpisodesSql(s, true) };
      const episodes = (await runFragments<{ rows: EpisodeRow[] }>(tx, s, () => fragment)).rows;
      return { kind, rows: await outcomeRows(tx, s, episodes) } as const;
    }
    case "adherence":
      return { kind, rows: await adherenceRows(tx, s) } as const;
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

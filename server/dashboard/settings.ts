// The owner's dashboard settings: late-cancellation window, no-show goal, referral-source list.
import { eq, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { clinics } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { notFound } from "@/server/errors";
import type { z } from "zod";
import type { dashboardSettingsSchema } from "./schemas";

type Actor = { clinicId: string; userId: string };

export async function updateDashboardSettings(tx: Tx, actor: Actor, input: z.output<typeof dashboardSettingsSchema>) {
  const [clinic] = await tx
    .update(clinics)
    .set({
      lateCancelHours: input.lateCancelHours,
      noShowGoalPercent: input.noShowGoalPercent,
      referralSources: input.referralSources,
    })
    .where(eq(clinics.id, actor.clinicId))
    .returning({ id: clinics.id });
  if (!clinic) throw notFound("The clinic");
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: "clinic.update_dashboard_settings",
    entity: "clinic",
    entityId: actor.clinicId,
    details: { ...input },
  });
  return input;
}

export type DashboardSettings = {
  lateCancelHours: number;
  noShowGoalPercent: number | null;
  referralSources: string[];
};

/** The settings as one fragment of the dashboard's statement. */
export const dashboardSettingsSql = (clinicId: string): SQL => sql`(
  SELECT json_build_object('lateCancelHours', late_cancel_hours, 'noShowGoalPercent', no_show_goal_percent,
                           'referralSources', referral_sources)
    FROM clinics WHERE id = ${clinicId})`;

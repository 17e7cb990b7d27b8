import { syncSeatsAfterTeamChange } from "@/server/billing/seats";
import { clinicProcedure, OWNER_ONLY, router, STAFF } from "@/server/trpc";
import { changeRoleSchema, inviteMemberSchema, removeMemberSchema, takesAppointmentsSchema } from "./schemas";
import { changeMemberRole, inviteMember, listTeam, removeMember, setTakesAppointments } from "./team";

export const teamRouter = router({
  list: clinicProcedure({ roles: STAFF }).query(({ ctx }) => listTeam(ctx.tx, ctx.clinic.id)),
  invite: clinicProcedure({ roles: OWNER_ONLY })
    .input(inviteMemberSchema)
    .mutation(({ ctx, input }) => {
      ctx.afterCommit(() => syncSeatsAfterTeamChange(ctx.db, ctx.clinic.id));
      return inviteMember(ctx.db, ctx.tx, ctx.clinic, ctx.user, input);
    }),
  changeRole: clinicProcedure({ roles: OWNER_ONLY })
    .input(changeRoleSchema)
    .mutation(({ ctx, input }) => {
      ctx.afterCommit(() => syncSeatsAfterTeamChange(ctx.db, ctx.clinic.id));
      return changeMemberRole(ctx.tx, ctx.clinic.id, ctx.user, input);
    }),
  setTakesAppointments: clinicProcedure({ roles: OWNER_ONLY })
    .input(takesAppointmentsSchema)
    .mutation(({ ctx, input }) => setTakesAppointments(ctx.tx, ctx.clinic.id, ctx.user, input)),
  remove: clinicProcedure({ roles: OWNER_ONLY })
    .input(removeMemberSchema)
    .mutation(({ ctx, input }) => {
      ctx.afterCommit(() => syncSeatsAfterTeamChange(ctx.db, ctx.clinic.id));
      return removeMember(ctx.tx, ctx.clinic.id, ctx.user, input);
    }),
});

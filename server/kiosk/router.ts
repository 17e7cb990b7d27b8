// The kiosk: "Answer in clinic" hands the tablet over (start sets the lock cookie); leave takes the
// staff member's password and removes it. While locked, server/trpc.ts refuses everything else.
import { z } from "zod";
import { PRESCRIBERS } from "@/server/exercises/router";
import { clinicProcedure, router, STAFF } from "@/server/trpc";
import { endKioskSession, leaveKiosk, startKiosk } from "./kiosk";
import { createKioskLock, endSessionCookies, kioskPath, kioskSetCookie } from "./lock";
import { passwordText } from "@/server/validation";

const actor = (ctx: { clinic: { id: string }; user: { id: string } }) => ({
  clinicId: ctx.clinic.id,
  userId: ctx.user.id,
});

export const kioskRouter = router({
  start: clinicProcedure({ roles: PRESCRIBERS })
    .input(z.object({ requestId: z.string().uuid("Unknown questionnaire") }))
    .mutation(async ({ ctx, input }) => {
      const { patientId } = await startKiosk(ctx.tx, actor(ctx), input);
      const lock = {
        userId: ctx.user.id,
        sessionId: ctx.user.sessionId,
        clinicSlug: ctx.clinic.slug,
        patientId,
        requestId: input.requestId,
      };
      ctx.resHeaders?.append("Set-Cookie", kioskSetCookie(createKioskLock(lock)));
      return { url: kioskPath(lock) };
    }),
  // Any role may leave (a role changed mid-way must not strand the tablet); there is nothing to leave without a lock.
  leave: clinicProcedure({ roles: STAFF })
    .input(
      z.object({
        password: passwordText().min(1, "Enter your password").max(200),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const lock = ctx.kiosk;
      if (!lock) return { url: `/c/${ctx.clinic.slug}` };
      await leaveKiosk(ctx.db, ctx.tx, actor(ctx), { password: input.password, requestId: lock.requestId });
      ctx.resHeaders?.append("Set-Cookie", kioskSetCookie(null));
      return { url: `/c/${ctx.clinic.slug}/patients/${lock.patientId}` };
    }),
  // The way out without a password (staff who sign in by emailed link): this browser is signed out.
  endSession: clinicProcedure({ roles: STAFF }).mutation(async ({ ctx }) => {
    if (ctx.kiosk) await endKioskSession(ctx.tx, actor(ctx), ctx.kiosk.requestId);
    for (const cookie of endSessionCookies()) ctx.resHeaders?.append("Set-Cookie", cookie);
    return { url: "/signin" };
  }),
});

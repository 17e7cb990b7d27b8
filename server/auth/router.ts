import { z } from "zod";
import { createClinicSchema } from "@/server/clinic/schemas";
import { publicProcedure, router } from "@/server/trpc";
import { requestMagicLink } from "./sign-in";
import { confirmSignUp, requestSignUp } from "./sign-up";
import { acceptInvitation } from "@/server/team/invitations";
import { linkToken } from "@/server/validation";

export const authRouter = router({
  requestMagicLink: publicProcedure
    .input(z.object({ email: z.string().trim().email("Enter a valid email address").max(200) }))
    .mutation(async ({ ctx, input }) => {
      await requestMagicLink(ctx.db, input.email);
      return { message: "If that email has an account, a sign-in link is on its way. It works once, for 15 minutes." };
    }),
  // Answers the same for a new and a known email; the emailed link finishes it (server/auth/sign-up.ts).
  signUp: publicProcedure.input(createClinicSchema).mutation(({ ctx, input }) => requestSignUp(ctx.db, input)),
  confirmSignUp: publicProcedure.input(z.object({ token: linkToken() })).mutation(async ({ ctx, input }) => {
    const created = await confirmSignUp(ctx.db, input.token);
    return { slug: created.slug, signInToken: created.signInToken };
  }),
  // An invitation to someone who already had an account, accepted from its emailed link.
  acceptInvitation: publicProcedure
    .input(z.object({ token: linkToken() }))
    .mutation(({ ctx, input }) => acceptInvitation(ctx.db, input.token)),
});

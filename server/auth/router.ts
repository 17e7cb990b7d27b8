import { z } from "zod";
import { createClinicWithOwner } from "@/server/clinic/create-clinic";
import { createClinicSchema } from "@/server/clinic/schemas";
import { publicProcedure, router } from "@/server/trpc";
import { requestMagicLink } from "./sign-in";

export const authRouter = router({
  requestMagicLink: publicProcedure
    .input(z.object({ email: z.string().trim().email("Enter a valid email address").max(200) }))
    .mutation(async ({ ctx, input }) => {
      await requestMagicLink(ctx.db, input.email);
      return { message: "If that email has an account, a sign-in link is on its way. It works once, for 15 minutes." };
    }),
  signUp: publicProcedure.input(createClinicSchema).mutation(({ ctx, input }) => createClinicWithOwner(ctx.db, input)),
});

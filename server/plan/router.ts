// The patient's plan page (/p/<token>): scoped by the signed link (purpose "plan"), no sign-in.
import { z } from "zod";
import { dateSchema } from "@/server/programs/schemas";
import { auditRead, patientProcedure, router } from "@/server/trpc";
import { linkToken, multilineText } from "@/server/validation";
import { givePlanFeedback, planToday, setItemDone } from "./plan";

const token = linkToken();

export const planRouter = router({
  today: patientProcedure("plan")
    .meta(auditRead("plan.read", "program"))
    .input(z.object({ token, day: dateSchema("day").optional() }))
    .query(({ ctx, input }) => planToday(ctx.tx, ctx.link, input)),
  setDone: patientProcedure("plan")
    .input(z.object({ token, itemId: z.string().uuid("Unknown exercise"), day: dateSchema("day"), done: z.boolean() }))
    .mutation(({ ctx, input }) => setItemDone(ctx.tx, ctx.link, input)),
  feedback: patientProcedure("plan")
    .input(
      z.object({
        token,
        day: dateSchema("day"),
        pain: z
          .number({ error: "Rate your pain from 0 to 10" })
          .int("Rate your pain with a whole number from 0 to 10")
          .min(0, "Rate your pain from 0 to 10")
          .max(10, "Rate your pain from 0 to 10"),
        comment: multilineText()
          .max(1000, "Keep your comment under 1000 characters")
          .optional()
          .transform((v) => v || null),
        programId: z.string().uuid().optional(),
      }),
    )
    .mutation(({ ctx, input }) => givePlanFeedback(ctx.tx, ctx.link, input)),
});

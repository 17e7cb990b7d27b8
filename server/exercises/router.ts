import { clinicProcedure, OWNER_ONLY, router, STAFF } from "@/server/trpc";
import { getExercise } from "./catalog";
import { createExercise, setExerciseHidden, updateExercise } from "./exercises";
import {
  createExerciseSchema,
  exerciseIdSchema,
  searchExercisesSchema,
  setHiddenSchema,
  updateExerciseSchema,
} from "./schemas";
import { exerciseFacets, searchExercises } from "./search";

const staff = () => clinicProcedure({ roles: STAFF });
/** Programs and the clinic's exercises are built by clinicians and owners. */
export const PRESCRIBERS = ["owner", "clinician"] as const;
const prescribers = () => clinicProcedure({ roles: PRESCRIBERS });

export const exercisesRouter = router({
  search: staff()
    .input(searchExercisesSchema)
    .query(({ ctx, input }) => searchExercises(ctx.tx, ctx.clinic.id, input)),
  facets: staff().query(({ ctx }) => exerciseFacets(ctx.tx, ctx.clinic.id)),
  get: staff()
    .input(exerciseIdSchema)
    .query(({ ctx, input }) => getExercise(ctx.tx, ctx.clinic.id, input.id)),
  create: prescribers()
    .input(createExerciseSchema)
    .mutation(({ ctx, input }) => createExercise(ctx.tx, { clinicId: ctx.clinic.id, userId: ctx.user.id }, input)),
  update: prescribers()
    .input(updateExerciseSchema)
    .mutation(({ ctx, input }) => updateExercise(ctx.tx, { clinicId: ctx.clinic.id, userId: ctx.user.id }, input)),
  setHidden: clinicProcedure({ roles: OWNER_ONLY })
    .input(setHiddenSchema)
    .mutation(({ ctx, input }) => setExerciseHidden(ctx.tx, { clinicId: ctx.clinic.id, userId: ctx.user.id }, input)),
});

// The global exercise library shipped with Junction, in our own words. Grouped by body area in
// catalog/; every intervention of the thoracolumbar-junction (Maigne's) protocol is included.
import { HIP_GROIN } from "./catalog/hip-groin";
import { KNEE_AND_LEG } from "./catalog/knee-and-leg";
import { LOWER_LIMB_MOBILITY } from "./catalog/lower-limb-mobility";
import { MOVEMENT_AND_LOAD } from "./catalog/movement-and-load";
import { SHOULDER_NECK } from "./catalog/shoulder-neck";
import { SPINE_MOBILITY } from "./catalog/spine-mobility";
import { TRUNK_STABILITY } from "./catalog/trunk-stability";
import type { LibraryExercise } from "./types";

export const LIBRARY_EXERCISES: LibraryExercise[] = [
  ...SPINE_MOBILITY,
  ...TRUNK_STABILITY,
  ...HIP_GROIN,
  ...MOVEMENT_AND_LOAD,
  ...LOWER_LIMB_MOBILITY,
  ...KNEE_AND_LEG,
  ...SHOULDER_NECK,
];

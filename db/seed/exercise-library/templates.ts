// Protocol templates shipped with the library. Item dosages override the exercise's default, and
// grow from phase to phase; every slug is a LIBRARY_EXERCISES entry. Each phase starts in its
// week of the program; `note` is written to the patient, `clinicianNote` to the clinician (who
// the exercise suits, when to progress) and is never shown to the patient.
import type { ProgramTemplate } from "./types";

const MAIGNE: ProgramTemplate = {
  slug: "thoracolumbar-junction-maigne",
  name: "Thoracolumbar junction (Maigne's syndrome)",
  summary:
    "For low back, hip or groin pain referred from the T12–L2 junction, often in lifters and cyclists. " +
    "Restore mobility at the junction, build deep trunk control, rebalance the hip, then retrain the lifts and riding posture that overloaded it.",
  phases: [
    {
      title: "Restore thoracolumbar mobility",
      startWeek: 1,
      weeks: "Weeks 1–2",
      goal: "Get the stiff segments where the mid and low back meet moving again, so the lumbar spine and pelvis can stop making up for them.",
      items: [
        {
          slug: "segmental-cat-camel",
          dosage: { sets: 2, reps: 10, timesPerDay: 2, daysPerWeek: 7 },
          note: "Spend extra time on the band just below the ribs.",
        },
        {
          slug: "foam-roller-thoracolumbar-extension",
          dosage: { sets: 2, reps: 8, holdSeconds: 3 },
          note: "Roller at the lowest ribs, never under the low back.",
        },
        { slug: "quadruped-thoracic-rotation", dosage: { sets: 2, reps: 8, side: "both" } },
        {
          slug: "desk-setup-movement-breaks",
          clinicianNote: "For patients who sit most of the day; remove otherwise.",
        },
      ],
    },
    {
      title: "Build deep core stability",
      startWeek: 3,
      weeks: "Weeks 3–4",
      goal: "Hold ribs and pelvis steady while the limbs move, so the quadratus lumborum, erectors and psoas no longer have to guard the junction.",
      items: [
        {
          slug: "segmental-cat-camel",
          dosage: { sets: 1, reps: 10, timesPerDay: 1 },
          note: "Warm-up before the session.",
        },
        {
          slug: "dead-bug",
          dosage: { sets: 3, reps: 8, daysPerWeek: 5 },
          note: "Use heel taps for the first days if the low back lifts.",
        },
        { slug: "half-kneeling-pallof-press", dosage: { sets: 3, reps: 10, holdSeconds: 3, daysPerWeek: 4 } },
        { slug: "bird-dog-controlled-reach", dosage: { sets: 3, reps: 8, holdSeconds: 5, daysPerWeek: 5 } },
      ],
    },
    {
      title: "Rebalance hip function",
      startWeek: 5,
      weeks: "Weeks 5–6",
      goal: "Calm the overworking hip flexors, switch the glutes back on and rebuild adductor strength, all without the low back joining in.",
      items: [
        {
          slug: "hip-lift-90-90-breathing",
          dosage: { sets: 4, reps: 5, daysPerWeek: 7 },
          note: "Before the other exercises, to set the pelvis.",
        },
        { slug: "side-lying-clamshell", dosage: { sets: 3, reps: 15 } },
        { slug: "glute-bridge", dosage: { sets: 3, reps: 12, holdSeconds: 3 } },
        {
          slug: "copenhagen-plank-short-lever",
          dosage: { sets: 3, holdSeconds: 20, daysPerWeek: 3 },
          note: "Groin pain no more than 3/10, settled by the next morning.",
        },
        {
          slug: "standing-pallof-press",
          dosage: { sets: 3, reps: 12, holdSeconds: 5 },
          clinicianNote: "Progressed from half-kneeling.",
        },
      ],
    },
    {
      title: "Retrain movement",
      startWeek: 7,
      weeks: "Weeks 7–10",
      goal: "Carry the new control into deadlifts, swings, overhead lifts and the bike, so the junction is not overloaded when training resumes.",
      items: [
        {
          slug: "neutral-rib-cueing",
          dosage: { sets: 3, reps: 5, holdSeconds: 5 },
          note: "Rehearse it at the top (lockout) of each of your own lifts.",
        },
        { slug: "dowel-hip-hinge", dosage: { sets: 2, reps: 10 }, note: "Warm-up for every lifting session." },
        {
          slug: "kettlebell-deadlift",
          dosage: { sets: 3, reps: 8, daysPerWeek: 3 },
          note: "Add load only while every rep passes the dowel test.",
        },
        {
          slug: "copenhagen-plank-long-lever",
          dosage: { sets: 3, holdSeconds: 15, daysPerWeek: 2 },
          note: "Go back to the short-lever plank if your groin hurts more than 3/10.",
          clinicianNote: "Only once short-lever holds of 30 s are pain-free.",
        },
        {
          slug: "cyclist-saddle-posture-setup",
          note: "Check your saddle height and riding posture before you build up ride length.",
          clinicianNote: "For cyclists; remove otherwise. Review the bike fit before building ride length.",
        },
      ],
    },
  ],
};

const LOW_BACK_GENERAL: ProgramTemplate = {
  slug: "low-back-pain-general",
  name: "Low back pain — general",
  summary:
    "A starting point for non-specific low back pain: keep moving, build trunk control, then return to lifting and daily load.",
  phases: [
    {
      title: "Settle and keep moving",
      startWeek: 1,
      weeks: "Weeks 1–2",
      goal: "Ease pain with gentle movement and walking, and find out which directions feel good.",
      items: [
        { slug: "posterior-pelvic-tilt" },
        { slug: "lower-trunk-rotation" },
        {
          slug: "prone-press-up",
          note: "Stop and tell us if pain spreads further down your leg.",
          clinicianNote: "Only if extension eases the symptoms; swap for knee to chest if flexion feels better.",
        },
        { slug: "graded-walking-program", dosage: { sets: 1, holdSeconds: 600, timesPerDay: 2 } },
      ],
    },
    {
      title: "Build trunk control",
      startWeek: 3,
      weeks: "Weeks 3–5",
      goal: "Teach the trunk to stay steady while arms and legs move.",
      items: [
        {
          slug: "dead-bug-heel-taps",
          dosage: { sets: 3, reps: 10 },
          clinicianNote: "Progress to the full dead bug when easy.",
        },
        { slug: "bird-dog-controlled-reach", dosage: { sets: 2, reps: 8, holdSeconds: 5 } },
        { slug: "mcgill-curl-up", dosage: { sets: 3, reps: 6, holdSeconds: 8 } },
        { slug: "glute-bridge", dosage: { sets: 3, reps: 12, holdSeconds: 3 } },
        { slug: "graded-walking-program", dosage: { sets: 2, holdSeconds: 600, timesPerDay: 1 } },
      ],
    },
    {
      title: "Strength and return to load",
      startWeek: 6,
      weeks: "Weeks 6–8",
      goal: "Build endurance and confidence to lift, carry and train again.",
      items: [
        { slug: "side-plank", dosage: { sets: 3, holdSeconds: 30 } },
        { slug: "dead-bug", dosage: { sets: 3, reps: 10 } },
        { slug: "dowel-hip-hinge", dosage: { sets: 3, reps: 10 } },
        { slug: "floor-to-waist-lift", dosage: { sets: 3, reps: 8 } },
        { slug: "graded-walking-program", dosage: { sets: 3, holdSeconds: 600, timesPerDay: 1 } },
      ],
    },
  ],
};

const GROIN_RETURN: ProgramTemplate = {
  slug: "adductor-strain-return-to-sport",
  name: "Adductor (groin) strain — return to sport",
  summary:
    "Graded adductor loading from isometrics to long-lever Copenhagen planks, with hip and trunk control, toward running and cutting.",
  phases: [
    {
      title: "Calm and activate",
      startWeek: 1,
      weeks: "Weeks 1–2",
      goal: "Load the adductors gently and keep the hip and trunk working while the strain settles.",
      items: [
        {
          slug: "adductor-squeeze",
          dosage: { sets: 2, reps: 10, holdSeconds: 5 },
          note: "Pain no more than 3/10 during the squeeze.",
        },
        { slug: "glute-bridge", dosage: { sets: 3, reps: 10 } },
        { slug: "dead-bug-heel-taps", dosage: { sets: 2, reps: 10 } },
        { slug: "adductor-rock-back", dosage: { sets: 1, reps: 10 }, note: "Comfortable range only." },
      ],
    },
    {
      title: "Strength through range",
      startWeek: 3,
      weeks: "Weeks 3–4",
      goal: "Build adductor strength through more range and start side-lying and short-lever loading.",
      items: [
        { slug: "adductor-squeeze", dosage: { sets: 3, reps: 10, holdSeconds: 10 } },
        { slug: "side-lying-hip-adduction", dosage: { sets: 3, reps: 12 } },
        { slug: "copenhagen-plank-short-lever", dosage: { sets: 3, holdSeconds: 10, daysPerWeek: 3 } },
        { slug: "side-plank", dosage: { sets: 3, holdSeconds: 20 } },
        { slug: "monster-walk", dosage: { sets: 3, reps: 10 } },
      ],
    },
    {
      title: "Load and control",
      startWeek: 5,
      weeks: "Weeks 5–6",
      goal: "Longer levers and single-leg control in positions that resemble sport.",
      items: [
        { slug: "copenhagen-plank-short-lever", dosage: { sets: 3, holdSeconds: 30, daysPerWeek: 3 } },
        { slug: "split-squat", dosage: { sets: 3, reps: 10 } },
        { slug: "hip-airplane", dosage: { sets: 2, reps: 6 } },
        { slug: "standing-pallof-press", dosage: { sets: 3, reps: 12, holdSeconds: 3 } },
      ],
    },
    {
      title: "Return to sport",
      startWeek: 7,
      weeks: "Weeks 7–10",
      goal: "Reach full adductor strength for running, kicking and change of direction, guided by your therapist's return-to-sport tests.",
      items: [
        { slug: "copenhagen-plank-long-lever", dosage: { sets: 3, holdSeconds: 20, daysPerWeek: 2 } },
        { slug: "lateral-step-down", dosage: { sets: 3, reps: 12 } },
        { slug: "single-leg-bridge", dosage: { sets: 3, reps: 10 } },
        { slug: "hip-airplane", dosage: { sets: 3, reps: 8 } },
      ],
    },
  ],
};

export const PROGRAM_TEMPLATES: ProgramTemplate[] = [MAIGNE, LOW_BACK_GENERAL, GROIN_RETURN];

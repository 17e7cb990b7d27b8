import { Button, Column, Heading, Img, Row, Section, Text } from "@react-email/components";
import { ContactLine } from "./components/appointment-summary";
import { buttonStyle, EmailLayout } from "./components/layout";

export type ProgramPlanExercise = {
  name: string;
  /** Absolute URL of the exercise's picture. */
  imageUrl: string;
  /** Already in words, e.g. "3 sets × 10 reps, each side, once a day, 5 days a week". */
  dosage: string;
  /** Two or three coaching cues. */
  cues: string[];
  /** The patient's instruction (a clinician's note never comes here). */
  note: string | null;
};

export type ProgramPlanEmailProps = {
  firstName: string;
  clinicName: string;
  clinicianName: string | null;
  title: string;
  /** e.g. "Mon 9 Mar" */
  startLabel: string;
  /** e.g. "5 days a week" */
  scheduleLabel: string;
  /** startLabel: when a phase of a phased plan starts, e.g. "From Mon 23 Mar" (null: with the plan). */
  phases: { title: string; notes: string | null; startLabel?: string | null; exercises: ProgramPlanExercise[] }[];
  planUrl: string;
  phone?: string | null;
  /** A newer version of a plan the patient already had. */
  updated?: boolean;
};

export const programPlanSubject = (p: ProgramPlanEmailProps) =>
  `${p.updated ? "Your updated" : "Your"} exercise plan from ${p.clinicName}: ${p.title}`;

const muted = { fontSize: "13px", color: "#52606d", margin: "4px 0" } as const;

function Exercise({ e }: { e: ProgramPlanExercise }) {
  return (
    <Row style={{ borderTop: "1px solid #e4e7eb", padding: "12px 0" }}>
      <Column style={{ width: "112px", verticalAlign: "top", paddingRight: "12px" }}>
        <Img
          src={e.imageUrl}
          alt={e.name}
          width="104"
          height="70"
          style={{ borderRadius: "6px", backgroundColor: "#f4f6f8" }}
        />
      </Column>
      <Column style={{ verticalAlign: "top" }}>
        <Text style={{ fontSize: "15px", fontWeight: 700, margin: "0 0 2px" }}>{e.name}</Text>
        <Text style={{ fontSize: "14px", margin: "0 0 4px" }}>{e.dosage}</Text>
        {e.cues.map((cue) => (
          <Text key={cue} style={muted}>
            • {cue}
          </Text>
        ))}
        {e.note ? <Text style={{ ...muted, color: "#0f766e" }}>Note from your clinician: {e.note}</Text> : null}
      </Column>
    </Row>
  );
}

export default function ProgramPlanEmail(p: ProgramPlanEmailProps) {
  return (
    <EmailLayout preview={`${p.title}: your home exercises, starting ${p.startLabel}`} clinicName={p.clinicName}>
      <Heading as="h1" style={{ fontSize: "22px" }}>
        {p.updated ? "Your plan was updated" : "Your exercise plan"}, {p.firstName}
      </Heading>
      <Text>
        <strong>{p.title}</strong>
        {p.clinicianName ? <> from {p.clinicianName}</> : null}
        <br />
        Starting {p.startLabel}, {p.scheduleLabel}.
      </Text>
      <Text>Open your plan to see each exercise step by step, tick them off as you go and tell us how you feel:</Text>
      <Section>
        <Button href={p.planUrl} style={buttonStyle}>
          Open my plan
        </Button>
      </Section>
      {p.phases.map((phase) => (
        <Section key={phase.title} style={{ marginTop: "20px" }}>
          <Heading as="h2" style={{ fontSize: "17px", margin: "0 0 4px" }}>
            {phase.title}
          </Heading>
          {phase.startLabel ? <Text style={{ ...muted, fontWeight: 700 }}>{phase.startLabel}</Text> : null}
          {phase.notes ? <Text style={muted}>{phase.notes}</Text> : null}
          {phase.exercises.map((e, i) => (
            <Exercise key={`${i}-${e.name}`} e={e} />
          ))}
        </Section>
      ))}
      <Text style={muted}>
        Stop and contact us if an exercise causes sharp or worsening pain. Your plan link is personal: please don&apos;t
        share it.
      </Text>
      <ContactLine clinicName={p.clinicName} phone={p.phone} />
    </EmailLayout>
  );
}

ProgramPlanEmail.PreviewProps = {
  firstName: "Jordan",
  clinicName: "PhysioFIT Bend",
  clinicianName: "Dr. Marcus Chen, DPT",
  title: "Thoracolumbar junction: weeks 1–6",
  startLabel: "Mon 9 Mar",
  scheduleLabel: "5 days a week",
  planUrl: "http://localhost:3000/p/example",
  phone: "(541) 697-4700",
  phases: [
    {
      title: "Restore thoracolumbar mobility",
      notes: "Move gently through the middle of your back, little and often.",
      startLabel: "From Mon 9 Mar",
      exercises: [
        {
          name: "Segmental cat-camel",
          imageUrl: "http://localhost:3000/exercise-art/cat-camel.png",
          dosage: "2 sets × 10 reps, once a day, 5 days a week",
          cues: ["Move one segment at a time", "Breathe out as you round"],
          note: "Slow on the way down.",
        },
        {
          name: "Copenhagen plank (short lever)",
          imageUrl: "http://localhost:3000/exercise-art/copenhagen-plank.png",
          dosage: "3 sets × 20 s hold, each side, once a day, 3 days a week",
          cues: ["Hips stacked", "Top knee on the bench"],
          note: null,
        },
      ],
    },
  ],
} satisfies ProgramPlanEmailProps;

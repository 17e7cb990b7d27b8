import { Button, Heading, Section, Text } from "@react-email/components";
import { ContactLine } from "./components/appointment-summary";
import { buttonStyle, EmailLayout } from "./components/layout";

export type QuestionnaireRequestProps = {
  firstName: string;
  clinicName: string;
  clinicianName: string | null;
  /** e.g. "Oswestry Disability Index" */
  instrumentName: string;
  /** e.g. "Intake", "Week 4", "Discharge" */
  occasionLabel: string;
  /** Rough time to answer, in minutes. */
  minutes: number;
  questionnaireUrl: string;
  /** Last day to answer, in the clinic's zone, e.g. "Sun 14 Mar". */
  closesLabel: string;
  phone: string | null;
};

export const questionnaireRequestSubject = (p: QuestionnaireRequestProps) => `A short questionnaire from ${p.clinicName}`;

const muted = { fontSize: "13px", color: "#52606d" } as const;

const aboutMinutes = (minutes: number) => (minutes <= 1 ? "about a minute" : `about ${minutes} minutes`);

export default function QuestionnaireRequestEmail(p: QuestionnaireRequestProps) {
  const who = p.clinicianName ?? `Your physical therapist at ${p.clinicName}`;
  return (
    <EmailLayout preview={`${aboutMinutes(p.minutes)[0]!.toUpperCase()}${aboutMinutes(p.minutes).slice(1)} to tell ${p.clinicName} how you're doing`} clinicName={p.clinicName}>
      <Heading as="h1" style={{ fontSize: "22px" }}>How are you doing, {p.firstName}?</Heading>
      <Text>
        {who} would like to hear how you&apos;re getting on. Your answers show how things are changing and help plan the next steps of
        your care together. It takes {aboutMinutes(p.minutes)}.
      </Text>
      <Text style={muted}>{p.instrumentName} · {p.occasionLabel}</Text>
      <Section><Button href={p.questionnaireUrl} style={buttonStyle}>Answer the questionnaire</Button></Section>
      <Text>
        Please answer by <strong>{p.closesLabel}</strong>. You can save your answers and finish later with the same link.
      </Text>
      <Text style={muted}>This link is personal: it opens your own questionnaire, so please don&apos;t forward it.</Text>
      <ContactLine clinicName={p.clinicName} phone={p.phone} />
    </EmailLayout>
  );
}

QuestionnaireRequestEmail.PreviewProps = {
  firstName: "Jordan",
  clinicName: "PhysioFIT Bend",
  clinicianName: "Dr. Marcus Chen, DPT",
  instrumentName: "Oswestry Disability Index",
  occasionLabel: "Week 4",
  minutes: 5,
  questionnaireUrl: "http://localhost:3000/q/example",
  closesLabel: "Sun 14 Mar",
  phone: "(541) 697-4700",
} satisfies QuestionnaireRequestProps;

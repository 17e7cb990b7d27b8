import { Button, Heading, Section, Text } from "@react-email/components";
import { ContactLine } from "./components/appointment-summary";
import { buttonStyle, EmailLayout } from "./components/layout";

/** One questionnaire the email asks for, with its own personal link. */
export type RequestedQuestionnaire = {
  /** e.g. "Oswestry Disability Index" */
  instrumentName: string;
  /** e.g. "Intake", "Week 4", "Discharge" */
  occasionLabel: string;
  /** Rough time to answer, in minutes. */
  minutes: number;
  url: string;
};

export type QuestionnaireRequestProps = {
  firstName: string;
  clinicName: string;
  clinicianName: string | null;
  /** What falls due together (at intake, say) comes in one email, in this order. */
  questionnaires: RequestedQuestionnaire[];
  /** Last day to answer, in the clinic's zone, e.g. "Sun 14 Mar". */
  closesLabel: string;
  phone: string | null;
};

export const questionnaireRequestSubject = (p: QuestionnaireRequestProps) =>
  p.questionnaires.length === 1
    ? `A short questionnaire from ${p.clinicName}`
    : `${p.questionnaires.length} short questionnaires from ${p.clinicName}`;

const muted = { fontSize: "13px", color: "#52606d" } as const;

const aboutMinutes = (minutes: number) => (minutes <= 1 ? "about a minute" : `about ${minutes} minutes`);

export default function QuestionnaireRequestEmail(p: QuestionnaireRequestProps) {
  const who = p.clinicianName ?? `Your physical therapist at ${p.clinicName}`;
  const total = p.questionnaires.reduce((sum, q) => sum + q.minutes, 0);
  const several = p.questionnaires.length > 1;
  const time = aboutMinutes(total);
  return (
    <EmailLayout
      preview={`${time[0]!.toUpperCase()}${time.slice(1)} to tell ${p.clinicName} how you're doing`}
      clinicName={p.clinicName}
    >
      <Heading as="h1" style={{ fontSize: "22px" }}>
        How are you doing, {p.firstName}?
      </Heading>
      <Text>
        {who} would like to hear how you&apos;re getting on. Your answers show how things are changing and help plan the
        next steps of your care together.{" "}
        {several
          ? `There are ${p.questionnaires.length} short questionnaires; together they take ${time}.`
          : `It takes ${time}.`}
      </Text>
      {p.questionnaires.map((q, i) => (
        <Section key={q.url} style={{ marginBottom: "12px" }}>
          <Text style={{ margin: "0 0 6px" }}>
            <strong>
              {several ? `${i + 1}. ` : ""}
              {q.instrumentName}
            </strong>{" "}
            <span style={muted}>
              · {q.occasionLabel} · {aboutMinutes(q.minutes)}
            </span>
          </Text>
          <Button href={q.url} style={buttonStyle}>
            {several ? `Answer questionnaire ${i + 1}` : "Answer the questionnaire"}
          </Button>
        </Section>
      ))}
      <Text>
        Please answer by <strong>{p.closesLabel}</strong>. You can save your answers and finish later with the same{" "}
        {several ? "links" : "link"}
        {several ? "; each page also leads to the next questionnaire." : "."}
      </Text>
      <Text style={muted}>
        {several
          ? "These links are personal: they open your own questionnaires"
          : "This link is personal: it opens your own questionnaire"}
        , so please don&apos;t forward
        {several ? " them" : " it"}.
      </Text>
      <ContactLine clinicName={p.clinicName} phone={p.phone} />
    </EmailLayout>
  );
}

QuestionnaireRequestEmail.PreviewProps = {
  firstName: "Jordan",
  clinicName: "PhysioFIT Bend",
  clinicianName: "Dr. Marcus Chen, DPT",
  questionnaires: [
    {
      instrumentName: "Numeric Pain Rating Scale",
      occasionLabel: "Intake",
      minutes: 1,
      url: "http://localhost:3000/q/example-1",
    },
    {
      instrumentName: "Oswestry Disability Index",
      occasionLabel: "Intake",
      minutes: 3,
      url: "http://localhost:3000/q/example-2",
    },
  ],
  closesLabel: "Sun 14 Mar",
  phone: "(541) 697-4700",
} satisfies QuestionnaireRequestProps;

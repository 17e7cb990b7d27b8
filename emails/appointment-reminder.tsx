import { Button, Heading, Section, Text } from "@react-email/components";
import { AppointmentSummary, ContactLine, type AppointmentSummaryProps } from "./components/appointment-summary";
import { buttonStyle, EmailLayout } from "./components/layout";

export type AppointmentReminderProps = AppointmentSummaryProps & {
  firstName: string;
  clinicName: string;
  /** "tomorrow" or "in 2 hours". */
  lead: string;
  phone?: string | null;
  manageUrl: string;
  unsubscribeUrl: string;
};

export const appointmentReminderSubject = (p: AppointmentReminderProps) =>
  `Reminder: ${p.typeName} at ${p.clinicName}, ${p.whenLabel}`;

export default function AppointmentReminderEmail(p: AppointmentReminderProps) {
  return (
    <EmailLayout
      preview={`Your ${p.typeName.toLowerCase()} is ${p.lead}: ${p.whenLabel}`}
      clinicName={p.clinicName}
      unsubscribeUrl={p.unsubscribeUrl}
    >
      <Heading as="h1" style={{ fontSize: "22px" }}>
        See you {p.lead}, {p.firstName}
      </Heading>
      <AppointmentSummary {...p} />
      <Text>Can&apos;t make it? Please cancel or pick another time so someone else can have the slot:</Text>
      <Section>
        <Button href={p.manageUrl} style={buttonStyle}>
          Cancel or reschedule
        </Button>
      </Section>
      <ContactLine clinicName={p.clinicName} phone={p.phone} />
    </EmailLayout>
  );
}

AppointmentReminderEmail.PreviewProps = {
  firstName: "Jordan",
  clinicName: "PhysioFIT Bend",
  typeName: "Follow-up",
  clinicianName: "Dr. Marcus Chen, DPT",
  whenLabel: "Tue 4 Mar, 7:00 AM PST",
  lead: "tomorrow",
  address: "1001 NW Wall St, Bend, OR 97703",
  phone: "(541) 697-4700",
  manageUrl: "http://localhost:3000/book/physiofit-bend/manage/example",
  unsubscribeUrl: "http://localhost:3000/unsubscribe/example",
} satisfies AppointmentReminderProps;

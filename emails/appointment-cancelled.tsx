import { Button, Heading, Section, Text } from "@react-email/components";
import { AppointmentSummary, ContactLine, type AppointmentSummaryProps } from "./components/appointment-summary";
import { buttonStyle, EmailLayout } from "./components/layout";

export type AppointmentCancelledProps = AppointmentSummaryProps & {
  firstName: string;
  clinicName: string;
  phone?: string | null;
  /** The clinic's booking page, to pick a new time. */
  bookUrl: string;
};

export const appointmentCancelledSubject = (p: AppointmentCancelledProps) =>
  `Cancelled: ${p.typeName} at ${p.clinicName}, ${p.whenLabel}`;

export default function AppointmentCancelledEmail(p: AppointmentCancelledProps) {
  return (
    <EmailLayout preview={`Your ${p.typeName.toLowerCase()} on ${p.whenLabel} is cancelled`} clinicName={p.clinicName}>
      <Heading as="h1" style={{ fontSize: "22px" }}>
        Your appointment is cancelled, {p.firstName}
      </Heading>
      <AppointmentSummary {...p} struck />
      <Text>The attached calendar file removes it from your calendar. Want to come in another time?</Text>
      <Section>
        <Button href={p.bookUrl} style={buttonStyle}>
          Book a new time
        </Button>
      </Section>
      <ContactLine clinicName={p.clinicName} phone={p.phone} />
    </EmailLayout>
  );
}

AppointmentCancelledEmail.PreviewProps = {
  firstName: "Jordan",
  clinicName: "PhysioFIT Bend",
  typeName: "Follow-up",
  clinicianName: "Dr. Marcus Chen, DPT",
  whenLabel: "Tue 4 Mar, 7:00 AM PST",
  address: "1001 NW Wall St, Bend, OR 97703",
  phone: "(541) 697-4700",
  bookUrl: "http://localhost:3000/book/physiofit-bend",
} satisfies AppointmentCancelledProps;

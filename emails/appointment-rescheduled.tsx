import { Button, Heading, Section, Text } from "@react-email/components";
import { AppointmentSummary, ContactLine, type AppointmentSummaryProps } from "./components/appointment-summary";
import { buttonStyle, EmailLayout } from "./components/layout";

export type AppointmentRescheduledProps = AppointmentSummaryProps & {
  firstName: string;
  clinicName: string;
  /** The time it was moved from, in the same format; absent when unknown. */
  previousWhenLabel?: string | null;
  phone?: string | null;
  manageUrl: string;
};

export const appointmentRescheduledSubject = (p: AppointmentRescheduledProps) =>
  `Moved: ${p.typeName} at ${p.clinicName}, now ${p.whenLabel}`;

export default function AppointmentRescheduledEmail(p: AppointmentRescheduledProps) {
  return (
    <EmailLayout preview={`Your ${p.typeName.toLowerCase()} is now ${p.whenLabel}`} clinicName={p.clinicName}>
      <Heading as="h1" style={{ fontSize: "22px" }}>
        Your appointment has moved, {p.firstName}
      </Heading>
      {p.previousWhenLabel ? (
        <Text style={{ color: "#52606d" }}>It was {p.previousWhenLabel}. It is now:</Text>
      ) : (
        <Text>It is now:</Text>
      )}
      <AppointmentSummary {...p} />
      <Text>
        The attached calendar file updates your calendar. Need another change? You can cancel or pick another time here:
      </Text>
      <Section>
        <Button href={p.manageUrl} style={buttonStyle}>
          Manage my appointment
        </Button>
      </Section>
      <ContactLine clinicName={p.clinicName} phone={p.phone} />
    </EmailLayout>
  );
}

AppointmentRescheduledEmail.PreviewProps = {
  firstName: "Jordan",
  clinicName: "PhysioFIT Bend",
  typeName: "Follow-up",
  clinicianName: "Dr. Marcus Chen, DPT",
  whenLabel: "Wed 5 Mar, 8:30 AM PST",
  previousWhenLabel: "Tue 4 Mar, 7:00 AM PST",
  address: "1001 NW Wall St, Bend, OR 97703",
  phone: "(541) 697-4700",
  manageUrl: "http://localhost:3000/book/physiofit-bend/manage/example",
} satisfies AppointmentRescheduledProps;

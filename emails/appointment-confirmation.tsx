import { Button, Heading, Section, Text } from "@react-email/components";
import { buttonStyle, EmailLayout } from "./components/layout";

export type AppointmentConfirmationProps = {
  firstName: string;
  clinicName: string;
  typeName: string;
  clinicianName: string;
  whenLabel: string; // already formatted in the clinic's zone, with the zone named
  address?: string | null;
  phone?: string | null;
  manageUrl: string;
};

export const appointmentConfirmationSubject = (p: AppointmentConfirmationProps) =>
  `Booked: ${p.typeName} at ${p.clinicName}, ${p.whenLabel}`;

export default function AppointmentConfirmationEmail(p: AppointmentConfirmationProps) {
  return (
    <EmailLayout preview={`Your ${p.typeName.toLowerCase()} is booked for ${p.whenLabel}`} clinicName={p.clinicName}>
      <Heading as="h1" style={{ fontSize: "22px" }}>
        You&apos;re booked, {p.firstName}
      </Heading>
      <Text>
        <strong>{p.typeName}</strong> with {p.clinicianName}
        <br />
        {p.whenLabel}
        {p.address ? (
          <>
            <br />
            {p.address}
          </>
        ) : null}
      </Text>
      <Text>
        The attached calendar file adds it to your calendar. Need to change it? You can cancel or pick another time
        here:
      </Text>
      <Section>
        <Button href={p.manageUrl} style={buttonStyle}>
          Manage my appointment
        </Button>
      </Section>
      {p.phone ? <Text style={{ fontSize: "13px", color: "#52606d" }}>Questions? Call us on {p.phone}.</Text> : null}
    </EmailLayout>
  );
}

AppointmentConfirmationEmail.PreviewProps = {
  firstName: "Jordan",
  clinicName: "PhysioFIT Bend",
  typeName: "Initial evaluation",
  clinicianName: "Dr. Marcus Chen, DPT",
  whenLabel: "Mon 9 Mar, 9:00 AM PDT",
  address: "Bend, Oregon",
  phone: "(541) 697-4700",
  manageUrl: "http://localhost:3000/p/example",
} satisfies AppointmentConfirmationProps;

import { Text } from "@react-email/components";

/** What every appointment email states: the type, the clinician, when (clinic zone) and where. */
export type AppointmentSummaryProps = {
  typeName: string;
  clinicianName: string;
  whenLabel: string; // already formatted in the clinic's zone, e.g. "Tue 4 Mar, 7:00 AM PST"
  address?: string | null;
};

export function AppointmentSummary(p: AppointmentSummaryProps & { struck?: boolean }) {
  return (
    <Text style={p.struck ? { textDecoration: "line-through", color: "#52606d" } : undefined}>
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
  );
}

export function ContactLine(p: { clinicName: string; phone?: string | null }) {
  return p.phone ? (
    <Text style={{ fontSize: "13px", color: "#52606d" }}>
      Questions? Call {p.clinicName} on {p.phone}, or reply to this email.
    </Text>
  ) : null;
}

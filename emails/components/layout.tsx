import { Body, Container, Head, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

/** unsubscribeUrl: for mail that is not strictly transactional (reminders), a way out in the footer. */
export function EmailLayout(props: {
  preview: string;
  clinicName?: string;
  unsubscribeUrl?: string;
  children: ReactNode;
}) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={{ backgroundColor: "#f4f6f8", fontFamily: "Helvetica, Arial, sans-serif", color: "#1f2933" }}>
        <Container
          style={{
            backgroundColor: "#ffffff",
            margin: "24px auto",
            padding: "32px",
            borderRadius: "8px",
            maxWidth: "560px",
          }}
        >
          <Text style={{ fontSize: "14px", fontWeight: 700, color: "#0f766e", margin: 0 }}>
            {props.clinicName ?? "Junction"}
          </Text>
          <Section>{props.children}</Section>
          <Hr style={{ borderColor: "#e4e7eb", margin: "24px 0" }} />
          <Text style={{ fontSize: "12px", color: "#7b8794" }}>
            Sent by Junction on behalf of {props.clinicName ?? "your clinic"}. If you did not expect this email you can
            ignore it.
          </Text>
          {props.unsubscribeUrl ? (
            <Text style={{ fontSize: "12px", color: "#7b8794" }}>
              Don&apos;t want appointment reminders?{" "}
              <Link href={props.unsubscribeUrl} style={{ color: "#7b8794" }}>
                Unsubscribe
              </Link>{" "}
              — you will still get booking confirmations and changes.
            </Text>
          ) : null}
        </Container>
      </Body>
    </Html>
  );
}

export const buttonStyle = {
  backgroundColor: "#0f766e",
  color: "#ffffff",
  padding: "12px 20px",
  borderRadius: "6px",
  fontWeight: 600,
  textDecoration: "none",
  display: "inline-block",
} as const;

// Patient links are the patient's only key: they must open exactly one page, for one patient,
// until they expire, and any change to them must be caught.
import { describe, expect, test } from "vitest";
import {
  createPatientLinkToken,
  PatientLinkError,
  verifyPatientLinkToken,
  type PatientLinkFailure,
  type PatientLinkPurpose,
} from "@/server/auth/patient-links";

const secret = "unit-test-secret-0123456789";
const issuedAt = new Date("2025-03-10T16:00:00Z");
const link = {
  clinicId: "0b8f3f0e-6a8e-4a43-9d6e-2f7f1c3e9a01",
  patientId: "5d2c7a1b-3e4f-4a5b-8c6d-7e8f9a0b1c2d",
  purpose: "plan" as const,
  ttlSeconds: 3600,
};

const issue = (overrides: Partial<typeof link> & { ref?: string } = {}) =>
  createPatientLinkToken({ ...link, ...overrides }, { now: issuedAt, secret });

function failureOf(token: string, purpose: PatientLinkPurpose = "plan", now = issuedAt): PatientLinkFailure {
  try {
    verifyPatientLinkToken(token, purpose, { now, secret });
  } catch (error) {
    if (error instanceof PatientLinkError) return error.reason;
    throw error;
  }
  throw new Error("Expected the link to be rejected, but it was accepted");
}

/** Re-encodes the token's payload after `change`, keeping the original signature. */
function withPayload(token: string, change: (payload: Record<string, unknown>) => void): string {
  const [body, signature] = token.split(".");
  const payload = JSON.parse(Buffer.from(body!, "base64url").toString("utf8")) as Record<string, unknown>;
  change(payload);
  return `${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${signature}`;
}

describe("a patient link", () => {
  test("opens the page it was made for, naming the clinic, the patient and when it expires", () => {
    const opened = verifyPatientLinkToken(issue({ ref: "program-42" }), "plan", {
      now: new Date(issuedAt.getTime() + 60_000),
      secret,
    });
    expect(opened).toEqual({
      clinicId: link.clinicId,
      patientId: link.patientId,
      purpose: "plan",
      ref: "program-42",
      expiresAt: new Date("2025-03-10T17:00:00Z"),
    });
  });

  test("works until the last second of its lifetime and not after", () => {
    const token = issue();
    expect(() =>
      verifyPatientLinkToken(token, "plan", { now: new Date(issuedAt.getTime() + 3599_000), secret }),
    ).not.toThrow();
    expect(failureOf(token, "plan", new Date(issuedAt.getTime() + 3600_000))).toBe("expired");
    expect(failureOf(token, "plan", new Date(issuedAt.getTime() + 86_400_000))).toBe("expired");
  });

  test("an expired link tells the patient to ask the clinic for a new one", () => {
    const error = new PatientLinkError("expired");
    expect(error.message).toBe("This link has expired. Ask the clinic to send a new one.");
  });

  test("made for the exercise plan cannot open the exercise log or a questionnaire", () => {
    const token = issue({ purpose: "plan" });
    expect(failureOf(token, "log")).toBe("wrong-purpose");
    expect(failureOf(token, "questionnaire")).toBe("wrong-purpose");
  });

  test("with its payload changed to another patient or a later expiry is rejected", () => {
    const token = issue();
    expect(failureOf(withPayload(token, (p) => (p.p = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee")))).toBe("bad-signature");
    expect(failureOf(withPayload(token, (p) => (p.e = Number(p.e) + 365 * 86_400)))).toBe("bad-signature");
    expect(
      failureOf(
        withPayload(token, (p) => (p.u = "log")),
        "log",
      ),
    ).toBe("bad-signature");
  });

  test("with its signature changed is rejected", () => {
    const token = issue();
    const [body, signature] = token.split(".") as [string, string];
    const flipped = (signature[0] === "A" ? "B" : "A") + signature.slice(1);
    expect(failureOf(`${body}.${flipped}`)).toBe("bad-signature");
    expect(failureOf(`${body}.${signature.slice(0, -2)}`)).toBe("bad-signature");
  });

  test("signed with another secret is rejected", () => {
    const foreign = createPatientLinkToken(link, { now: issuedAt, secret: "some-other-deployment-secret" });
    expect(failureOf(foreign)).toBe("bad-signature");
  });

  test("that is truncated or padded is rejected as not valid", () => {
    const token = issue();
    expect(failureOf("")).toBe("malformed");
    expect(failureOf(token.split(".")[0]!)).toBe("malformed");
    expect(failureOf(`${token}.extra`)).toBe("malformed");
  });
});

// The pure parts of the audit log: which patient ids a response showed, and the CSV an owner downloads.
import { describe, expect, test } from "vitest";
import { idsUnder } from "@/server/audit";
import { auditLogCsv } from "@/server/audit-log/csv";

const P1 = "11111111-1111-4111-8111-111111111111";
const P2 = "22222222-2222-4222-8222-222222222222";

describe("the patient ids a response showed", () => {
  test("every patientId, at any depth, each once, in order; nothing else", () => {
    const calendar = {
      clinicians: [{ id: "c1", name: "Dr. Chen" }],
      appointments: [
        { id: "a1", patientId: P2, startsAt: new Date() },
        { id: "a2", patientId: P1 },
        { id: "a3", patientId: P2 },
      ],
      nested: { deeper: { items: [{ patientId: P1.toUpperCase() }] } },
    };
    expect(idsUnder(calendar, "patientId")).toEqual([P2, P1]);
  });

  test("a list of patient rows by their id; a value that is not a uuid is ignored", () => {
    expect(idsUnder({ patients: [{ id: P1 }, { id: P2 }, { id: "not-a-uuid" }], total: 3 }, "id")).toEqual([P1, P2]);
    expect(idsUnder(null, "id")).toEqual([]);
  });
});

describe("the audit log as CSV", () => {
  test("times on the clinic's clock and in UTC, names, and formulas neutralised", () => {
    const csv = auditLogCsv(
      [
        {
          id: "7",
          at: new Date("2026-03-31T21:05:09.500Z"),
          action: "patients.list",
          entity: "patient",
          entityId: null,
          procedure: "patients.list",
          via: null,
          actor: { id: "u1", name: '=HYPERLINK("evil")', email: "owner@example.com" },
          patientCount: 2,
          patients: [
            { id: P1, name: "Jordan Reyes" },
            { id: P2, name: "Priya, N" },
          ],
        },
        {
          id: "8",
          at: new Date("2026-04-01T07:00:00Z"),
          action: "plan.read",
          entity: "program",
          entityId: null,
          procedure: "plan.today",
          via: "patient link",
          actor: null,
          patientCount: 1,
          patients: [{ id: P1, name: "Jordan Reyes" }],
        },
      ],
      "America/Denver",
    );
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(
      "when_local,when_utc,who,who_email,action,what,entity,entity_id,patient_count,patients,patient_ids,via",
    );
    expect(lines[1]).toBe(
      `2026-03-31 15:05:09,2026-03-31T21:05:09.500Z,"'=HYPERLINK(""evil"")",owner@example.com,patients.list,` +
        `Listed or searched patients,patient,,2,"Jordan Reyes; Priya, N",${P1} ${P2},patients.list`,
    );
    expect(lines[2]).toBe(
      `2026-04-01 01:00:00,2026-04-01T07:00:00.000Z,Patient (own link),,plan.read,Opened their exercise plan,program,,1,` +
        `Jordan Reyes,${P1},patient link`,
    );
  });
});

// Words for audit actions, shared by the audit view, the patient's page and the CSV export.
const LABELS: Record<string, string> = {
  "patient.read": "Opened the patient",
  "patients.list": "Listed or searched patients",
  "patient.history": "Viewed the patient's history",
  "patient.create": "Registered the patient",
  "patient.update": "Changed the patient's details",
  "patient.portal_link": "Created a patient link",
  "calendar.read": "Viewed the calendar",
  "messages.read": "Viewed an appointment's messages",
  "messages.log": "Viewed the message log",
  "programs.list": "Viewed the patient's programs",
  "program.read": "Opened a program",
  "program.adherence": "Viewed exercise adherence",
  "program.phase_move": "Moved the patient to the next phase",
  "outcomes.read": "Viewed outcome measures",
  "outcome_answers.read": "Opened questionnaire answers",
  "outcomes.needs_attention": "Viewed patients needing attention",
  "plan.read": "Opened their exercise plan",
  "portal.read": "Opened their patient page",
  "questionnaire.read": "Opened their questionnaire",
  "audit_log.read": "Viewed the audit log",
  "audit_log.export": "Exported the audit log (CSV)",
  "consent_log.export": "Exported the consent log (CSV)",
};

export function actionLabel(action: string): string {
  return LABELS[action] ?? action;
}

/** Who did it: the staff member, the patient on their own link, or the system (a job). */
export function actorLabel(row: { actor: { name: string } | null; via: string | null }): string {
  return row.actor?.name ?? (row.via ? "Patient (own link)" : "System");
}

import Link from "next/link";
import { NeedsAttention } from "@/app/_components/outcomes/needs-attention";
import { setupChecklist } from "@/server/clinic/setup-checklist";
import { serverCaller } from "@/server/context";
import { publicUrl } from "@/server/env";
import { pageClinic } from "@/server/page-access";
import { ROLE_LABELS } from "@/server/team/schemas";
import { DAY_KEYS, DAY_LABELS } from "@/server/clinic/schemas";
import { CopyLink } from "./copy-link";

function todayIn(timeZone: string) {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "long",
    month: "long",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
  }).format(new Date());
}

/** "Dr. Marcus Chen, DPT" → "Marcus": the first word that is not a title. */
function greetingName(name: string): string {
  const words = name.replace(/,.*$/, "").split(/\s+/).filter(Boolean);
  return words.find((w) => !/^(dr|mr|mrs|ms|mx|prof)\.?$/i.test(w)) ?? words[0] ?? name;
}

const ROLE_INTRO = {
  owner: "Run your clinic: team, hours, the calendar and the numbers that matter.",
  clinician: "Your patients, their home-exercise programs and how their outcomes are going.",
  front_desk: "Patients and the calendar for the whole clinic.",
} as const;

export default async function ClinicHome({ params }: { params: Promise<{ clinicSlug: string }> }) {
  const { clinicSlug } = await params;
  const { user, clinic } = await pageClinic(clinicSlug);
  const caller = await serverCaller(clinicSlug);
  const [details, patients, team, setup] = await Promise.all([
    caller.clinic.get(),
    caller.patients.list({ limit: 5, offset: 0 }),
    caller.team.list(),
    clinic.role === "owner" ? caller.scheduling.setup() : null,
  ]);
  const checklist = setup
    ? setupChecklist({ openingHours: details.openingHours, types: setup.types, teamSize: team.length })
    : [];
  const bookingUrl = `${publicUrl()}/book/${clinic.slug}`;
  const todayKey =
    DAY_KEYS[(new Date(new Date().toLocaleString("en-US", { timeZone: clinic.timeZone })).getDay() + 6) % 7]!;
  const today = details.openingHours[todayKey];
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Welcome, {greetingName(user.name)}</h1>
          <p>{ROLE_INTRO[clinic.role]}</p>
        </div>
        <span className="badge" data-testid="role-badge">
          {ROLE_LABELS[clinic.role]}
        </span>
      </div>
      {checklist.some((i) => !i.done) ? (
        <section className="card setup-checklist" aria-labelledby="setup-h">
          <h2 id="setup-h">Set up your clinic</h2>
          <p className="muted">
            {checklist.filter((i) => i.done).length} of {checklist.length} done. Each takes a minute; you can come back
            to them any time in Settings.
          </p>
          <ol className="checklist">
            {checklist.map((item) => (
              <li key={item.key} className={item.done ? "checklist-done" : undefined}>
                <span className="checklist-mark" aria-hidden="true">
                  {item.done ? "✓" : "○"}
                </span>
                <span>
                  <Link href={`/c/${clinic.slug}${item.path}`}>{item.label}</Link>
                  {item.done ? <span className="visually-hidden"> (done)</span> : null}
                  <span className="muted"> — {item.hint}</span>
                </span>
              </li>
            ))}
            <li>
              <span className="checklist-mark" aria-hidden="true">
                →
              </span>
              <span>
                Share your booking link: put it on your website, emails and social pages.
                <CopyLink url={bookingUrl} label="the booking link" />
              </span>
            </li>
          </ol>
        </section>
      ) : null}
      <div className="grid">
        <section className="card" aria-labelledby="now-h">
          <h2 id="now-h">Now at {clinic.name}</h2>
          <p>{todayIn(clinic.timeZone)}</p>
          <p className="muted">
            {DAY_LABELS[todayKey]}: {today.length ? today.map((i) => `${i.start}–${i.end}`).join(", ") : "closed"} (
            {clinic.timeZone})
          </p>
        </section>
        <section className="card" aria-labelledby="calendar-h">
          <h2 id="calendar-h">Calendar</h2>
          <p className="muted">Today&apos;s appointments for the whole clinic.</p>
          <Link href={`/c/${clinic.slug}/calendar`}>Open the calendar</Link>
        </section>
        <section className="card" aria-labelledby="patients-h">
          <h2 id="patients-h">Patients</h2>
          <div className="stat">{patients.total}</div>
          <Link href={`/c/${clinic.slug}/patients`}>Open the patient list</Link>
        </section>
        <section className="card" aria-labelledby="booking-h">
          <h2 id="booking-h">Online booking</h2>
          <p className="muted">Patients book themselves here:</p>
          <CopyLink url={bookingUrl} label="the booking link" />
        </section>
        <section className="card" aria-labelledby="team-h">
          <h2 id="team-h">Team</h2>
          <div className="stat">{team.length}</div>
          {clinic.role === "owner" ? (
            <Link href={`/c/${clinic.slug}/settings/team`}>Manage the team</Link>
          ) : (
            <span className="muted">people on staff</span>
          )}
        </section>
      </div>
      {clinic.role === "owner" || clinic.role === "clinician" ? (
        <NeedsAttention slug={clinic.slug} timeZone={clinic.timeZone} mine={clinic.role === "clinician"} limit={5} />
      ) : null}
    </>
  );
}

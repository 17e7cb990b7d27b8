// The last step: what was booked, and the manage link.
export function BookedStep(props: {
  slug: string;
  booked: { typeName: string; clinicianName: string; whenLabel: string; manageToken: string };
}) {
  const { booked } = props;
  return (
    <section className="card" aria-labelledby="done-h">
      <h2 id="done-h" tabIndex={-1} ref={(el) => el?.focus()}>
        You&apos;re booked
      </h2>
      <p role="status">
        <strong>{booked.typeName}</strong> with {booked.clinicianName}
        <br />
        {booked.whenLabel}
      </p>
      <p>
        We&apos;ve emailed you a confirmation with a calendar file. To cancel or change the time, use the link in that
        email or:
      </p>
      {/* A full page load, not a client-side one: the booking page's tags must not run on the manage page. */}
      <a className="btn" href={`/book/${props.slug}/manage/${booked.manageToken}`}>
        Manage this appointment
      </a>
    </section>
  );
}

import type { WeeklyHours } from "@/db/schema";
import { DAY_KEYS, DAY_LABELS } from "@/server/clinic/schemas";

function hoursLabel(intervals: WeeklyHours["mon"]) {
  if (intervals.length === 0) return "Closed";
  const fmt = (t: string) => {
    const [h, m] = t.split(":").map(Number) as [number, number];
    return `${((h + 11) % 12) + 1}:${String(m).padStart(2, "0")} ${h < 12 || h === 24 ? "AM" : "PM"}`;
  };
  return intervals.map((i) => `${fmt(i.start)} – ${fmt(i.end)}`).join(", ");
}

export function ClinicInfo({
  clinic,
}: {
  clinic: {
    name: string;
    timeZone: string;
    phone: string | null;
    email: string | null;
    address: string | null;
    openingHours: WeeklyHours;
  };
}) {
  return (
    <aside className="card book-info" aria-labelledby="info-h">
      <h2 id="info-h">Opening hours</h2>
      <table className="book-hours">
        <tbody>
          {DAY_KEYS.map((d) => (
            <tr key={d}>
              <th scope="row">{DAY_LABELS[d]}</th>
              <td>{hoursLabel(clinic.openingHours[d])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted" style={{ fontSize: "0.85rem" }}>
        Times are in the clinic&apos;s time zone ({clinic.timeZone.replaceAll("_", " ")}).
      </p>
      {/* No heading over nothing: "Contact" only when the clinic gave an address, a phone or an email. */}
      {clinic.address || clinic.phone || clinic.email ? <h2>Contact</h2> : null}
      {clinic.address ? <p>{clinic.address}</p> : null}
      {clinic.phone ? (
        <p>
          Phone: <a href={`tel:${clinic.phone.replace(/[^\d+]/g, "")}`}>{clinic.phone}</a>
        </p>
      ) : null}
      {clinic.email ? (
        <p>
          Email: <a href={`mailto:${clinic.email}`}>{clinic.email}</a>
        </p>
      ) : null}
    </aside>
  );
}

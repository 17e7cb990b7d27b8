// The cookie policy, generated from the registry (server/consent/registry.ts) plus the clinic's own
// tags: what is listed is what the code sets, so the two cannot drift apart.
import type { ConsentCategory } from "@/server/consent/categories";
import { CONSENT_CATEGORIES } from "@/server/consent/categories";
import type { ConsentScope } from "@/server/consent/page-config";
import { COOKIE_REGISTRY, PLATFORM_CONSENT, type RegistryEntry } from "@/server/consent/registry";
import { BANNER_TEXTS } from "@/server/consent/texts";
import { CookieSettingsButton } from "./cookie-settings-button";

type Row = {
  key: string;
  name: string;
  variants: string[];
  type: string;
  setBy: string;
  purpose: string;
  lifetime: string;
  when: string;
};

const KIND_LABELS: Record<RegistryEntry["kind"], string> = { cookie: "Cookie", localStorage: "Local storage" };

const CATEGORY_INTRO: Record<ConsentCategory, string> = {
  necessary:
    "Needed for the site to work or to keep it secure. They need no consent and are always on; none of them tracks you.",
  preferences: "Remember choices that make the pages easier to use. Only with your consent.",
  analytics:
    "Measure how the pages are used. Only with your consent, and never when your browser sends Global Privacy Control.",
  marketing:
    "Measure advertising and show related ads elsewhere. Only with your consent, and never when your browser sends Global Privacy Control.",
};

const ownRows = (category: ConsentCategory, months: number | null): Row[] =>
  COOKIE_REGISTRY.filter((e) => e.category === category).map((e) => ({
    key: e.name,
    name: e.name,
    variants: e.variants,
    type: KIND_LABELS[e.kind],
    setBy: "Junction",
    purpose: e.purpose,
    lifetime:
      months !== null && e.name.endsWith("<clinic id>")
        ? `${months} months (chosen by this clinic; 6 to 13 allowed)`
        : e.lifetime,
    when: e.when,
  }));

function tagRows(scope: ConsentScope, category: ConsentCategory): Row[] {
  if (scope.kind !== "clinic" || category === "necessary") return [];
  const tag = scope.settings.tags[category];
  if (!tag) return [];
  const host = tag.scriptUrl ? new URL(tag.scriptUrl).host : null;
  const setBy = `${tag.provider}${host ? ` (${host})` : ""}, chosen by ${scope.clinic.name}`;
  const when = "After you allow this category, on the clinic's booking page only.";
  const lifetime = `Set by ${tag.provider}; see its own policy`;
  if (tag.cookies.length === 0) {
    return [
      {
        key: `${category}-tag`,
        name: "Whatever this service sets",
        variants: [],
        type: "Cookie / storage",
        setBy,
        purpose: `The clinic's ${category} service.`,
        lifetime,
        when,
      },
    ];
  }
  return tag.cookies.map((name) => ({
    key: `${category}-${name}`,
    name: name.endsWith("*") ? `${name.slice(0, -1)}…` : name,
    variants: [],
    type: "Cookie",
    setBy,
    purpose: `Used by the clinic's ${category} service; deleted when you withdraw consent.`,
    lifetime,
    when,
  }));
}

export function CookiePolicy({ scope }: { scope: ConsentScope }) {
  const clinic = scope.kind === "clinic" ? scope : null;
  const owner = clinic?.clinic.name ?? PLATFORM_CONSENT.owner;
  const months = clinic?.settings.consentMonths ?? PLATFORM_CONSENT.months;
  const version = clinic?.settings.policyVersion ?? PLATFORM_CONSENT.policyVersion;
  const updated = clinic?.settings.policyUpdatedAt ?? null;
  const texts = BANNER_TEXTS.en;
  return (
    <main className="main policy-page">
      <div className="card">
        <p className="muted">{clinic ? clinic.clinic.name : "Junction"}</p>
        <h1>Cookie policy</h1>
        <p>
          {clinic
            ? `${owner} uses Junction for online booking and the pages it sends patients. This page lists every cookie and browser-storage item those pages can set.`
            : "This page lists every cookie and browser-storage item Junction's own pages (home, sign-in, sign-up) and its staff app can set."}{" "}
          Nothing optional is set until you choose, and the pages work the same if you refuse.
        </p>
        <ul>
          <li>
            Your choice is kept for <strong>{months} months</strong>, then you are asked again — and whenever this
            policy changes.
          </li>
          <li>
            This is version <strong data-testid="policy-version">{version}</strong> of the policy
            {updated
              ? `, published ${new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" }).format(updated)}`
              : ""}
            .
          </li>
          <li>A browser that sends Global Privacy Control is treated as refusing analytics and marketing.</li>
          <li>
            Each decision is recorded as proof: an opaque consent id, the categories allowed and refused, the policy and
            banner versions, the time, and only your network (not your full IP address) and browser family.
          </li>
        </ul>
        <CookieSettingsButton label={texts.cookieSettings} className="btn btn-primary" />
      </div>
      {CONSENT_CATEGORIES.map((category) => {
        const rows = [...ownRows(category, clinic ? months : null), ...tagRows(scope, category)];
        return (
          <section className="card" key={category} aria-labelledby={`policy-${category}`}>
            <h2 id={`policy-${category}`}>{texts.categories[category].title}</h2>
            <p className="muted">{CATEGORY_INTRO[category]}</p>
            {rows.length === 0 ? (
              <p data-testid={`policy-empty-${category}`}>None: {owner} sets nothing in this category.</p>
            ) : (
              <div className="policy-table-wrap">
                <table className="table policy-table">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Type</th>
                      <th scope="col">Set by</th>
                      <th scope="col">Purpose</th>
                      <th scope="col">Lifetime</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.key}>
                        <td>
                          <code>{r.name}</code>
                          {r.variants.map((v) => (
                            <div key={v} className="muted">
                              <code>{v}</code>
                            </div>
                          ))}
                        </td>
                        <td>{r.type}</td>
                        <td>{r.setBy}</td>
                        <td>
                          {r.purpose} <span className="muted">{r.when}</span>
                        </td>
                        <td>{r.lifetime}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        );
      })}
    </main>
  );
}

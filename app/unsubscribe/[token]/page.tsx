import type { Metadata } from "next";
import { pathToken } from "@/app/_lib/path-token";
import { checkUnsubscribeToken } from "@/server/messages/unsubscribe";

export const metadata: Metadata = { title: "Unsubscribe from reminders", robots: { index: false } };

// A button, not an action on opening the page: link scanners open links in emails too.
export default async function UnsubscribePage(props: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ done?: string; failed?: string }>;
}) {
  const [params, query] = await Promise.all([props.params, props.searchParams]);
  const token = pathToken(params.token);
  const check = checkUnsubscribeToken(token);
  return (
    <main className="main" style={{ margin: "0 auto", maxWidth: 560 }}>
      <div className="card">
        <h1>Appointment reminders</h1>
        {!check.ok || query.failed ? (
          <p>{check.ok ? "This link is not valid." : check.reason} Please contact the clinic.</p>
        ) : query.done ? (
          <p>You are unsubscribed: no more reminder emails. You will still get booking confirmations and changes.</p>
        ) : (
          <form method="post" action={`/api/unsubscribe/${encodeURIComponent(token)}?from=page`}>
            <p>Stop reminder emails before your appointments? You will still get booking confirmations and changes.</p>
            <button type="submit" className="btn btn-primary">
              Unsubscribe from reminders
            </button>
          </form>
        )}
      </div>
    </main>
  );
}

import Link from "next/link";

export default function NotFound() {
  return (
    <main className="center-page">
      <div className="card auth-card">
        <h1>Page not found</h1>
        <p className="muted">There is nothing here, or it belongs to a clinic you are not part of.</p>
        <Link className="btn" href="/">
          Go to your clinics
        </Link>
      </div>
    </main>
  );
}

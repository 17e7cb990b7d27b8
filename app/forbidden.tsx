import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="center-page">
      <div className="card auth-card">
        <h1>Not available for your role</h1>
        <p className="muted">Your role in this clinic does not include this page. Ask a clinic owner if you need it.</p>
        <Link className="btn" href="/">
          Back to your clinic
        </Link>
      </div>
    </main>
  );
}

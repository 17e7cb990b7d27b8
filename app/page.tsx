import Link from "next/link";
import { redirect } from "next/navigation";
import { PublicShell } from "@/app/_components/consent/public-shell";
import { appDb } from "@/db/client";
import { getSessionUser } from "@/server/auth";
import { PLATFORM_SCOPE } from "@/server/consent/page-config";
import { listUserClinics } from "@/server/tenancy";

export default async function HomePage() {
  const user = await getSessionUser();
  if (user) {
    const clinics = await listUserClinics(appDb(), user.id);
    redirect(clinics.length === 1 ? `/c/${clinics[0]!.slug}` : "/clinics");
  }
  return (
    <PublicShell scope={PLATFORM_SCOPE}>
      <main className="hero">
        <h1>Junction</h1>
        <p>
          Scheduling, home-exercise programs and outcomes for physical-therapy clinics — in one place, in your
          clinic&apos;s time zone.
        </p>
        <div className="actions" style={{ justifyContent: "center", marginTop: "1.5rem" }}>
          <Link className="btn btn-primary" href="/signin">
            Sign in
          </Link>
          <Link className="btn" href="/signup">
            Create your clinic
          </Link>
        </div>
      </main>
    </PublicShell>
  );
}

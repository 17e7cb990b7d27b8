import type { Metadata } from "next";
import { serverCaller } from "@/server/context";
import { ProfileForm } from "./profile-form";
import { SessionSettings } from "./session-settings";

export const metadata: Metadata = { title: "Clinic profile" };

export default async function ProfilePage({ params }: { params: Promise<{ clinicSlug: string }> }) {
  const { clinicSlug } = await params;
  const clinic = await (await serverCaller(clinicSlug)).clinic.get();
  return (
    <>
      <section className="card" aria-labelledby="profile-h">
        <h2 id="profile-h">Clinic profile</h2>
        <ProfileForm
          initial={{
            name: clinic.name,
            timeZone: clinic.timeZone,
            locale: clinic.locale,
            currency: clinic.currency,
            email: clinic.email ?? "",
            phone: clinic.phone ?? "",
            address: clinic.address ?? "",
          }}
        />
      </section>
      <section className="card" aria-labelledby="idle-h">
        <h2 id="idle-h">Automatic sign-out</h2>
        <SessionSettings idleTimeoutMinutes={clinic.idleTimeoutMinutes} />
      </section>
    </>
  );
}

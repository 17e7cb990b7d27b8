// "Your account": every staff member's own password and sessions (not a clinic setting).
import type { Metadata } from "next";
import { pageClinic } from "@/server/page-access";
import { AccountSecurity } from "./account-security";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage({ params }: { params: Promise<{ clinicSlug: string }> }) {
  const { user } = await pageClinic((await params).clinicSlug);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Your account</h1>
          <p>{user.email}</p>
        </div>
      </div>
      <AccountSecurity />
    </>
  );
}

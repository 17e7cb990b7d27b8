import type { Metadata } from "next";
import { requireRole } from "@/server/page-access";
import { OWNER_ONLY } from "@/server/trpc";
import { MessageLog } from "./message-log";
import { ReminderSettings } from "./reminder-settings";

export const metadata: Metadata = { title: "Messages" };

export default async function MessagesPage({ params }: { params: Promise<{ clinicSlug: string }> }) {
  const { clinic } = await requireRole((await params).clinicSlug, OWNER_ONLY);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Messages</h1>
          <p>
            Every email {clinic.name} sends patients: confirmations, reminders and notices. Times in{" "}
            {clinic.timeZone.replaceAll("_", " ")}.
          </p>
        </div>
      </div>
      <ReminderSettings />
      <MessageLog timeZone={clinic.timeZone} />
    </>
  );
}

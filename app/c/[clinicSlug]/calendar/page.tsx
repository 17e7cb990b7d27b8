import type { Metadata } from "next";
import { z } from "zod";
import { pageClinic } from "@/server/page-access";
import { Calendar } from "./calendar";
import { isIsoDate, localDate } from "./time";

export const metadata: Metadata = { title: "Calendar" };

export default async function CalendarPage(props: {
  params: Promise<{ clinicSlug: string }>;
  searchParams: Promise<{ view?: string; date?: string; book?: string }>;
}) {
  const { clinic } = await pageClinic((await props.params).clinicSlug);
  const query = await props.searchParams;
  // "Today" is the clinic's today, wherever the server or the browser happens to be.
  const today = localDate(new Date(), clinic.timeZone);
  return (
    <Calendar
      slug={clinic.slug}
      timeZone={clinic.timeZone}
      canManageTeam={clinic.role === "owner"}
      today={today}
      initialView={query.view === "week" ? "week" : "day"}
      initialDate={isIsoDate(query.date) ? query.date : today}
      bookForId={z.string().uuid().safeParse(query.book).success ? query.book : undefined}
    />
  );
}

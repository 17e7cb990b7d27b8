import type { Metadata } from "next";
import { pageClinic } from "@/server/page-access";
import { ExerciseLibrary } from "./exercise-library";

export const metadata: Metadata = { title: "Exercise library" };

export default async function ExercisesPage({ params }: { params: Promise<{ clinicSlug: string }> }) {
  const { clinic } = await pageClinic((await params).clinicSlug);
  return <ExerciseLibrary role={clinic.role} />;
}

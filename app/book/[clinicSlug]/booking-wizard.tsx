"use client";
// The public booking form: type → clinician → day and time → details → booked. Each step is its
// own component (steps/); this file holds what they share: the choices, the typed details and what
// a failed booking means for them (nothing typed is ever dropped; only a taken time is cleared).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { errorMessage, fieldErrors, useTRPC } from "@/app/_lib/trpc";
import type { BookingDetails } from "@/server/booking/schemas";
import { formatWhen, zoneName } from "@/server/scheduling/format";
import { useClinicLocale } from "@/app/_components/clinic-locale";
import type { BookingClinic } from "./clinic-type";
import { BookedStep } from "./steps/booked-step";
import { ClinicianStep } from "./steps/clinician-step";
import { DetailsStep, EMPTY_DETAILS, type DetailErrors } from "./steps/details-step";
import { TimeStep } from "./steps/time-step";
import { TypeStep } from "./steps/type-step";
import { PaymentStep } from "./payment-step";

const zoneLabel = (timeZone: string) => `${zoneName(new Date(), timeZone)} (${timeZone.replaceAll("_", " ")})`;
const NO_ERRORS: DetailErrors = {};

/** Moves the reader to a step: scrolls its heading to the top and focuses it (for screen readers too). */
function goTo(heading: HTMLElement | null) {
  heading?.scrollIntoView({ block: "start" });
  heading?.focus({ preventScroll: true });
}

export function BookingWizard({ clinic }: { clinic: BookingClinic }) {
  const trpc = useTRPC();
  const locale = useClinicLocale();
  const queryClient = useQueryClient();
  const [typeId, setTypeId] = useState<string | null>(clinic.types.length === 1 ? clinic.types[0]!.id : null);
  const [clinicianId, setClinicianId] = useState("any");
  const [startsAt, setStartsAt] = useState<Date | null>(null);
  const [details, setDetails] = useState<BookingDetails>(EMPTY_DETAILS);
  const [timeProblem, setTimeProblem] = useState<string | null>(null);
  /** Bumped when focus should move to a step after the next render. */
  const [focusTo, setFocusTo] = useState<{ step: "time" | "details"; n: number } | null>(null);
  const timeHeading = useRef<HTMLHeadingElement>(null);
  const detailsHeading = useRef<HTMLHeadingElement>(null);

  const book = useMutation(
    trpc.booking.book.mutationOptions({
      onError: async (error) => {
        const data = (error as { data?: { domainCode?: string | null } }).data;
        if (data?.domainCode !== "SLOT_TAKEN") return;
        // Only the time is lost: the details stay as typed, and the next free times are shown again.
        setStartsAt(null);
        setTimeProblem(errorMessage(error));
        setFocusTo((f) => ({ step: "time", n: (f?.n ?? 0) + 1 }));
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.booking.slots.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.booking.days.queryKey() }),
        ]);
      },
    }),
  );
  const serverErrors = useMemo(
    () => (book.error ? (fieldErrors(book.error) as DetailErrors) : NO_ERRORS),
    [book.error],
  );
  const slotTaken = (book.error as { data?: { domainCode?: string | null } } | null)?.data?.domainCode === "SLOT_TAKEN";
  const generalProblem =
    book.isError && !slotTaken && Object.keys(serverErrors).length === 0 ? errorMessage(book.error) : null;

  useEffect(() => {
    if (focusTo) goTo(focusTo.step === "time" ? timeHeading.current : detailsHeading.current);
  }, [focusTo]);

  // Paying at booking (deposit, full price or a saved card): its own step, payment-step.tsx.
  if (book.data?.payment) return <PaymentStep {...book.data} payment={book.data.payment} timeZone={clinic.timeZone} />;
  if (book.data) return <BookedStep slug={clinic.slug} booked={book.data} />;

  if (clinic.types.length === 0 || clinic.clinicians.length === 0) {
    return (
      <section className="card empty">
        <h2>Online booking is not open yet</h2>
        <p>Please call the clinic to book.</p>
      </section>
    );
  }

  const type = clinic.types.find((t) => t.id === typeId);
  const when = (d: Date) => formatWhen(d, clinic.timeZone, locale, { year: true });
  const chooseTime = (s: Date) => {
    setStartsAt(s);
    setTimeProblem(null);
    setFocusTo((f) => ({ step: "details", n: (f?.n ?? 0) + 1 }));
  };

  return (
    <div>
      <TypeStep
        clinic={clinic}
        typeId={typeId}
        onChange={(id) => {
          setTypeId(id);
          setStartsAt(null);
        }}
      />
      {type ? (
        <ClinicianStep
          clinic={clinic}
          clinicianId={clinicianId}
          onChange={(id) => {
            setClinicianId(id);
            setStartsAt(null);
          }}
        />
      ) : null}
      {type ? (
        <TimeStep
          key={`${type.id}/${clinicianId}`}
          ref={timeHeading}
          slug={clinic.slug}
          typeId={type.id}
          clinicianId={clinicianId}
          timeZone={clinic.timeZone}
          zoneLabel={zoneLabel(clinic.timeZone)}
          selected={startsAt}
          problem={timeProblem}
          onSelect={chooseTime}
        />
      ) : null}
      {type && (startsAt || focusTo) ? (
        <DetailsStep
          ref={detailsHeading}
          summary={
            startsAt
              ? `${type.name} on ${when(startsAt)} (${clinic.timeZone.replaceAll("_", " ")} time)`
              : "Pick a new time above; what you typed here is kept."
          }
          details={details}
          onChange={setDetails}
          serverErrors={serverErrors}
          referralSources={clinic.referralSources}
          pending={book.isPending}
          problem={generalProblem}
          onSubmit={(d) => {
            if (!startsAt) {
              setTimeProblem("Choose a time first.");
              setFocusTo((f) => ({ step: "time", n: (f?.n ?? 0) + 1 }));
              return;
            }
            book.mutate({
              slug: clinic.slug,
              typeId: type.id,
              clinicianId,
              startsAt,
              ...d,
              referralSource: d.referralSource || undefined,
            });
          }}
        />
      ) : null}
    </div>
  );
}

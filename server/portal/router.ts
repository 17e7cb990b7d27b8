import { serially } from "@/db/client";
// What a patient sees from an emailed link. Later issues add the plan, the exercise log and
// questionnaires; here the link proves who the patient is and which clinic they belong to.
import { z } from "zod";
import { getClinic } from "@/server/clinic/settings";
import { getPatient } from "@/server/patients/patients";
import { auditRead, patientProcedure, router } from "@/server/trpc";
import { linkToken } from "@/server/validation";

const tokenInput = z.object({ token: linkToken() });

export const portalRouter = router({
  overview: patientProcedure("plan")
    .meta(auditRead("portal.read", "patient"))
    .input(tokenInput)
    .query(async ({ ctx }) => {
      const [patient, clinic] = await serially(
        () => getPatient(ctx.tx, ctx.link.clinicId, ctx.link.patientId),
        () => getClinic(ctx.tx, ctx.link.clinicId),
      );
      return {
        firstName: patient.firstName,
        clinic: { name: clinic.name, phone: clinic.phone, email: clinic.email, timeZone: clinic.timeZone },
        expiresAt: ctx.link.expiresAt,
      };
    }),
});

import { z } from "zod";
import { nameText } from "@/server/validation";

export const roleSchema = z.enum(["owner", "clinician", "front_desk"], {
  message: "Choose owner, clinician or front desk",
});
export const ROLE_LABELS = { owner: "owner", clinician: "clinician", front_desk: "front desk" } as const;

export const inviteMemberSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address").max(200),
  name: nameText().min(1, "Enter their name").max(120, "Use at most 120 characters"),
  role: roleSchema,
});

export const changeRoleSchema = z.object({ userId: z.string().uuid("Unknown team member"), role: roleSchema });
export const removeMemberSchema = z.object({ userId: z.string().uuid("Unknown team member") });
export const takesAppointmentsSchema = z.object({
  userId: z.string().uuid("Unknown team member"),
  takesAppointments: z.boolean(),
});

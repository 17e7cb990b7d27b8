import { z } from "zod";

export const roleSchema = z.enum(["owner", "clinician", "front_desk"], {
  message: "Choose owner, clinician or front desk",
});
export const ROLE_LABELS = { owner: "owner", clinician: "clinician", front_desk: "front desk" } as const;

export const inviteMemberSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address"),
  name: z.string().trim().min(1, "Enter their name").max(120),
  role: roleSchema,
});

export const changeRoleSchema = z.object({ userId: z.string().uuid("Unknown team member"), role: roleSchema });
export const removeMemberSchema = z.object({ userId: z.string().uuid("Unknown team member") });

// Inputs for the signed-in person's own account (password, sessions).
import { z } from "zod";

export const changePasswordSchema = z.object({
  currentPassword: z.string().max(200),
  newPassword: z.string().min(10, "Use at least 10 characters").max(200),
});
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

// Inputs for the signed-in person's own account (password, sessions).
import { z } from "zod";
import { passwordText } from "@/server/validation";

export const changePasswordSchema = z.object({
  currentPassword: passwordText().max(200),
  newPassword: passwordText().min(10, "Use at least 10 characters").max(200),
});
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

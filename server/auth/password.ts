import bcrypt from "bcryptjs";

const COST = 11;
// Compared against when no user exists, so a wrong email costs as long as a wrong password.
const DUMMY_HASH = "$2b$11$fCgT3Qohk143WxeUHGB0Ceh/FOdZDdyJZBWfYR/TA7jg0PYZSaY.y";

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  const ok = await bcrypt.compare(password, hash ?? DUMMY_HASH);
  return Boolean(hash) && ok;
}

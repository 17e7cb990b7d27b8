// Single-use sign-in tokens (staff magic links). Only a hash is stored; consuming is atomic.
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { authTokens } from "@/db/schema";

export const MAGIC_LINK_MINUTES = 15;

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createSignInToken(
  db: DbOrTx,
  email: string,
  purpose = "sign-in",
  minutes = MAGIC_LINK_MINUTES,
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.insert(authTokens).values({
    tokenHash: hash(token),
    email: email.toLowerCase(),
    purpose,
    expiresAt: new Date(Date.now() + minutes * 60_000),
  });
  return token;
}

/** Marks the token used and returns its email, or null when unknown, used or expired. */
export async function consumeSignInToken(db: DbOrTx, token: string, purpose = "sign-in"): Promise<string | null> {
  const [row] = await db
    .update(authTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(authTokens.tokenHash, hash(token)),
        eq(authTokens.purpose, purpose),
        isNull(authTokens.usedAt),
        gt(authTokens.expiresAt, new Date()),
      ),
    )
    .returning({ email: authTokens.email });
  return row?.email ?? null;
}

// next-auth configuration: staff sign in with a password or an emailed single-use link; the
// session is a signed JWT holding the user id. Clinic membership is checked per request.
import type { NextAuthOptions } from "next-auth";
import { getServerSession } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { appDb } from "@/db/client";
import { signInWithEmailToken, signInWithPassword } from "@/server/auth/sign-in";
import { clientIp } from "@/server/client-ip";
import { authSecret } from "@/server/env";
import { DomainError } from "@/server/errors";
import type { SessionUser } from "@/server/trpc";

declare module "next-auth" {
  interface Session {
    user: SessionUser;
  }
}

async function authorizeOrMessage(fn: () => Promise<SessionUser>) {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof DomainError) throw new Error(error.userMessage);
    throw error;
  }
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  get secret() {
    return authSecret();
  },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      id: "password",
      name: "Email and password",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      authorize: (credentials, req) =>
        authorizeOrMessage(() =>
          signInWithPassword(appDb(), {
            email: String(credentials?.email ?? ""),
            password: String(credentials?.password ?? ""),
            ip: clientIp(req.headers ?? {}),
          }),
        ),
    }),
    CredentialsProvider({
      id: "magic-link",
      name: "Email link",
      credentials: { token: { type: "text" } },
      authorize: (credentials) =>
        authorizeOrMessage(() => signInWithEmailToken(appDb(), String(credentials?.token ?? ""))),
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.name = user.name;
        token.email = user.email;
      }
      return token;
    },
    session({ session, token }) {
      session.user = { id: String(token.sub), email: String(token.email ?? ""), name: String(token.name ?? "") };
      return session;
    },
  },
};

export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  return session?.user?.id ? session.user : null;
}

// next-auth configuration: staff sign in with a password or an emailed single-use link; the
// session is a signed JWT holding the user id and the id of a staff_sessions row, which every
// read of the session checks (server/auth/sessions.ts), so the server can end it.
// Clinic membership is checked per request.
import type { NextAuthOptions } from "next-auth";
import { getServerSession } from "next-auth";
import type { JWT } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { appDb } from "@/db/client";
import { safeRedirect } from "@/server/auth/safe-redirect";
import {
  checkStaffSession,
  endStaffSession,
  SESSION_MAX_AGE_SECONDS,
  startStaffSession,
  type EndedSession,
  type LiveSession,
} from "@/server/auth/sessions";
import { signInWithEmailToken, signInWithPassword } from "@/server/auth/sign-in";
import { clientIp } from "@/server/client-ip";
import { authSecret } from "@/server/env";
import { DomainError } from "@/server/errors";
import type { SessionUser } from "@/server/trpc";

declare module "next-auth" {
  interface Session {
    user: SessionUser;
    /** The staff session's idle timeout and when it ends without activity (for the idle warning). */
    idle?: { timeoutMinutes: number; deadline: string };
    /** Only on the idle warning's own reads: why the session ended. */
    ended?: string;
  }
}

/** Thrown from the jwt callback for an ended session: next-auth then answers "no session" and clears the cookie. */
class SessionEnded extends Error {
  constructor(readonly reason: string) {
    super(`The staff session has ended (${reason})`);
  }
}

// The check's answer, handed from the jwt callback to the session callback of the same read.
const checked = new WeakMap<JWT, LiveSession>();
const endedReasons = new WeakMap<JWT, EndedSession["reason"]>();

async function authorizeOrMessage(fn: () => Promise<SessionUser>) {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof DomainError) throw new Error(error.userMessage);
    throw error;
  }
}

/** The session callbacks; with `touch: false` a read does not count as activity (the idle warning's polling). */
function sessionCallbacks({ touch }: { touch: boolean }): NextAuthOptions["callbacks"] {
  return {
    async jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.name = user.name;
        token.email = user.email;
        token.sid = await startStaffSession(appDb(), { userId: user.id });
        return token;
      }
      const state = await checkStaffSession(appDb(), { sessionId: token.sid, userId: token.sub, touch });
      if (state.live) checked.set(token, state);
      // A read that only looks (the idle warning) learns why; every other read answers "no session".
      else if (touch) throw new SessionEnded(state.reason);
      else endedReasons.set(token, state.reason);
      return token;
    },
    session({ session, token }) {
      session.user = {
        id: String(token.sub),
        email: String(token.email ?? ""),
        name: String(token.name ?? ""),
        sessionId: String(token.sid),
      };
      const state = checked.get(token);
      if (state)
        session.idle = { timeoutMinutes: state.idleTimeoutMinutes, deadline: state.idleDeadline.toISOString() };
      const ended = endedReasons.get(token);
      if (ended) session.ended = ended;
      return session;
    },
    redirect({ url, baseUrl }) {
      return new URL(safeRedirect(url, { origin: baseUrl }), baseUrl).toString();
    },
  };
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
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
  callbacks: sessionCallbacks({ touch: true }),
  events: {
    async signOut({ token }) {
      if (token) await endStaffSession(appDb(), { sessionId: token.sid, reason: "signed_out" });
    },
  },
  logger: {
    error(code, metadata) {
      // A replayed or ended session is an expected answer ("not signed in"), not an error.
      const cause = metadata instanceof Error ? metadata : "error" in metadata ? metadata.error : null;
      if (cause instanceof SessionEnded) return;
      console.error(`[next-auth][error][${code}]`, metadata);
    },
    warn(code) {
      console.warn(`[next-auth][warn][${code}]`);
    },
    debug() {},
  },
};

/** The same options for the idle warning's reads; built per call, since spreading reads the secret. */
const peekOptions = (): NextAuthOptions => ({ ...authOptions, callbacks: sessionCallbacks({ touch: false }) });

/** The signed-in user of this request, if their session is live; the request counts as activity. */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  return session?.user?.id ? session.user : null;
}

/**
 * The session's idle deadline without counting this read as activity, or why it ended (null: no
 * session cookie, or one that does not verify). Only for the idle warning: never treat it as a sign-in.
 */
export async function peekSession(): Promise<
  { live: true; timeoutMinutes: number; deadline: Date } | { live: false; reason: string } | null
> {
  const session = await getServerSession(peekOptions());
  if (session?.ended) return { live: false, reason: session.ended };
  if (!session?.user?.id || !session.idle) return null;
  return { live: true, timeoutMinutes: session.idle.timeoutMinutes, deadline: new Date(session.idle.deadline) };
}

// The idle warning's view of the staff session: GET reads how long it has left without counting as
// activity; POST ("Stay signed in") is a request like any other and so records activity. Once the
// session has ended: 401 with the reason ("idle", "signed_out_everywhere", …).
import { getSessionUser, peekSession } from "@/server/auth";

export const dynamic = "force-dynamic";

const headers = { "Cache-Control": "no-store" };

async function answer(): Promise<Response> {
  const state = await peekSession();
  if (!state?.live) return Response.json({ signedIn: false, reason: state?.reason ?? null }, { status: 401, headers });
  const remainingSeconds = Math.max(0, Math.floor((state.deadline.getTime() - Date.now()) / 1000));
  return Response.json({ signedIn: true, timeoutMinutes: state.timeoutMinutes, remainingSeconds }, { headers });
}

export async function GET(): Promise<Response> {
  return answer();
}

export async function POST(): Promise<Response> {
  await getSessionUser(); // counts as activity when the session is live
  return answer();
}

// The idle warning's view of the staff session: GET reads how long it has left without counting as
// activity; POST ("Stay signed in") is a request like any other and so records activity. 401 once ended.
import { getSessionUser, peekSession } from "@/server/auth";

export const dynamic = "force-dynamic";

function answer(state: Awaited<ReturnType<typeof peekSession>>): Response {
  const headers = { "Cache-Control": "no-store" };
  if (!state) return Response.json({ signedIn: false }, { status: 401, headers });
  const remainingSeconds = Math.max(0, Math.floor((state.deadline.getTime() - Date.now()) / 1000));
  return Response.json({ signedIn: true, timeoutMinutes: state.timeoutMinutes, remainingSeconds }, { headers });
}

export async function GET(): Promise<Response> {
  return answer(await peekSession());
}

export async function POST(): Promise<Response> {
  if (!(await getSessionUser())) return answer(null);
  return answer(await peekSession());
}

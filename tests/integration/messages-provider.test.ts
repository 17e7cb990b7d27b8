// Sending through the email provider (Resend, replaced here by a fake that never leaves the
// machine): what it is given, and what happens when it fails — 5xx and timeouts are retried with
// the same key and the identical email, then the message fails and the front desk sees why; a
// permanent refusal fails at once; a crash after the provider accepted sends once.
import { TestClock } from "pg-boss";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { appDb } from "@/db/client";
import { requireDatabaseUrl } from "@/server/env";
import { MAX_SEND_ATTEMPTS, SEND_MESSAGE, type SendMessageJob } from "@/server/jobs/queues";
import { startWorker } from "@/server/jobs/worker";
import { deliverMessage } from "@/server/messages/deliver";
import { callerFor } from "../fixtures/callers";
import { seedClinic, type SeededClinic } from "../fixtures/clinic";
import { adminPool } from "../fixtures/db";
import { at, bookFollowUp, deliverDue, futureDate, messagesOf, outboxOf } from "./messages-fixtures";

type Sent = { payload: Record<string, unknown>; options: { idempotencyKey?: string } };
type Answer = {
  data: { id: string } | null;
  error: { message: string; statusCode: number | null; name: string } | null;
};

const provider = vi.hoisted(() => {
  // server/env.ts reads this when first imported, which is after this block.
  process.env.RESEND_API_KEY = "re_test_fake_provider";
  return {
    calls: [] as Sent[],
    answer: (_sent: Sent): Answer => ({ data: { id: `re_${Math.random().toString(36).slice(2)}` }, error: null }),
  };
});

vi.mock("resend", () => ({
  Resend: class {
    emails = {
      send: async (payload: Record<string, unknown>, options: { idempotencyKey?: string }) => {
        const sent = { payload, options };
        provider.calls.push(sent);
        return provider.answer(sent);
      },
    };
  },
}));

const accepted = (id = "re_accepted"): Answer => ({ data: { id }, error: null });
const refused = (statusCode: number | null, message: string): Answer => ({
  data: null,
  error: { statusCode, message, name: "application_error" },
});

let a: SeededClinic;
beforeAll(async () => {
  a = await seedClinic();
  await callerFor(a.owner, a.slug).clinic.updateProfile({
    name: a.name,
    timeZone: a.timeZone,
    email: "desk@cascade.example",
  });
});
beforeEach(() => {
  provider.calls.length = 0;
  provider.answer = () => accepted();
});
afterAll(() => {
  delete process.env.RESEND_API_KEY;
});

const confirmationOf = async (appointmentId: string) =>
  (await messagesOf(a.id, appointmentId)).find((m) => m.kind === "confirmation")!;

describe("sending through the provider", () => {
  test("gives it the clinic as sender and reply-to, both parts, the calendar file and the message's key", async () => {
    provider.answer = () => accepted("re_confirmation_1");
    const appt = await bookFollowUp(a, at(a, futureDate(1), "09:00"));
    await deliverDue(new Date());
    const message = await confirmationOf(appt.id);
    expect(message).toMatchObject({ state: "sent", attempts: 1, providerMessageId: "re_confirmation_1" });
    expect(provider.calls).toHaveLength(1);
    const [{ payload, options }] = provider.calls as [Sent];
    expect(options.idempotencyKey).toBe(`msg:${a.id}:${message.key}`);
    expect(payload).toMatchObject({
      from: `"${a.name}" <no-reply@junction.local>`,
      to: a.patients[0]!.email,
      replyTo: "desk@cascade.example",
    });
    expect(payload.html).toMatch(/^<!DOCTYPE html/);
    expect(payload.text).toContain("Follow-up with");
    expect((payload.attachments as { filename: string }[])[0]!.filename).toBe("appointment.ics");
    expect(payload).not.toHaveProperty("headers");
    const [stored] = (await outboxOf(a.id)).filter((e) => e.id === message.outboxId);
    expect(stored).toMatchObject({ status: "sent", providerId: "re_confirmation_1" });
  });

  test("a reminder carries List-Unsubscribe and the one-click header", async () => {
    const appt = await bookFollowUp(a, at(a, futureDate(2), "09:00"));
    await deliverDue(new Date(appt.startsAt.getTime() - 2 * 3_600_000));
    const reminder = provider.calls.find((c) => String(c.payload.subject).startsWith("Reminder:"))!;
    expect(reminder.payload.headers).toEqual({
      "List-Unsubscribe": expect.stringMatching(/^<http:\/\/127\.0\.0\.1:3000\/api\/unsubscribe\/.+>$/),
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
  });
});

describe("when the provider fails", () => {
  test("5xx and timeouts: retried with the same key and the identical email, then failed and shown to the front desk", async () => {
    const answers = [
      refused(500, "Internal server error"),
      refused(null, "Unable to fetch data. The request could not be resolved."),
    ];
    provider.answer = () => answers.shift() ?? refused(502, "Bad gateway");
    const appt = await bookFollowUp(a, at(a, futureDate(3), "09:00"), a.patients[1]!.id);
    const key = (await confirmationOf(appt.id)).key;
    const attempts: string[] = [];
    for (let i = 0; i < MAX_SEND_ATTEMPTS; i++) attempts.push(String((await deliverDue(new Date()))[key]));
    expect(attempts).toEqual([...Array(MAX_SEND_ATTEMPTS - 1).fill("retry"), "failed"]);
    expect(await deliverDue(new Date())).not.toHaveProperty(key);

    expect(provider.calls).toHaveLength(MAX_SEND_ATTEMPTS);
    expect(new Set(provider.calls.map((c) => c.options.idempotencyKey))).toEqual(new Set([`msg:${a.id}:${key}`]));
    expect(new Set(provider.calls.map((c) => JSON.stringify(c.payload))).size).toBe(1);

    const seen = await callerFor(a.frontDesk, a.slug).messages.forAppointment({ appointmentId: appt.id });
    expect(seen.messages[0]).toMatchObject({
      kind: "confirmation",
      state: "failed",
      attempts: MAX_SEND_ATTEMPTS,
      lastError: "Email could not be sent: Bad gateway (502)",
    });
    const log = await callerFor(a.owner, a.slug).messages.log({ state: "failed" });
    expect(log.items.map((m) => m.appointmentId)).toContain(appt.id);
  });

  test("a permanent refusal (422) fails at once", async () => {
    provider.answer = () => refused(422, "Invalid `to` field");
    const appt = await bookFollowUp(a, at(a, futureDate(4), "09:00"));
    const message = await confirmationOf(appt.id);
    expect(await deliverMessage(appDb(), { clinicId: a.id, messageId: message.id }, new Date())).toBe("failed");
    expect(await confirmationOf(appt.id)).toMatchObject({
      state: "failed",
      attempts: 1,
      lastError: "Email could not be sent: Invalid `to` field (422)",
    });
  });

  test("a crash after the provider accepted: the retry asks again with the same key and email, and it is stored once", async () => {
    const byKey = new Map<string, string>();
    // Like the real provider: one email per key, the same answer when asked again.
    provider.answer = ({ options }) => {
      const key = options.idempotencyKey!;
      if (!byKey.has(key)) byKey.set(key, `re_${byKey.size + 1}`);
      return accepted(byKey.get(key));
    };
    const appt = await bookFollowUp(a, at(a, futureDate(5), "09:00"), a.patients[1]!.id);
    const message = await confirmationOf(appt.id);
    const ref = { clinicId: a.id, messageId: message.id };
    const crash = {
      afterSend: () => {
        throw new Error("worker lost its database connection");
      },
    };
    await expect(deliverMessage(appDb(), ref, new Date(), crash)).rejects.toThrow(
      `Attempt 1 of ${MAX_SEND_ATTEMPTS} failed: worker lost its database connection`,
    );
    expect(await deliverMessage(appDb(), ref, new Date())).toBe("sent");
    expect(provider.calls).toHaveLength(2);
    expect(provider.calls[0]!.payload).toEqual(provider.calls[1]!.payload);
    expect(provider.calls[0]!.options.idempotencyKey).toBe(provider.calls[1]!.options.idempotencyKey);
    expect(byKey.size).toBe(1);
    expect(await confirmationOf(appt.id)).toMatchObject({ state: "sent", attempts: 2, providerMessageId: "re_1" });
    expect((await outboxOf(a.id)).filter((e) => e.idempotencyKey === `msg:${a.id}:${message.key}`)).toHaveLength(1);
  });

  test("through the worker: pg-boss retries with backoff until the message fails, and the worker carries on", async () => {
    provider.answer = () => refused(503, "Service unavailable");
    const clock = new TestClock();
    const w = await startWorker({ databaseUrl: requireDatabaseUrl(), loop: false, log: () => {}, spies: true, clock });
    try {
      const appt = await bookFollowUp(a, at(a, futureDate(1, 9), "11:00"));
      const message = await confirmationOf(appt.id);
      const spy = w.boss.getSpy<SendMessageJob>(SEND_MESSAGE);
      const done = spy.waitForJob((d) => d.messageId === message.id, "completed");
      let settled = false;
      void done.finally(() => (settled = true));
      await w.dispatchNow();
      // Backing off from 5–10 s to 10 min, the last attempt comes 10–20 minutes after the first.
      for (let t = 0; t < 45 * 60_000 && !settled; t += 15_000) await clock.tick(15_000);
      await done;
      expect(await confirmationOf(appt.id)).toMatchObject({
        state: "failed",
        attempts: MAX_SEND_ATTEMPTS,
        lastError: "Email could not be sent: Service unavailable (503)",
      });
      const { rows } = await adminPool().query(
        "SELECT state, retry_count FROM pgboss.job WHERE name = $1 AND data->>'messageId' = $2",
        [SEND_MESSAGE, message.id],
      );
      expect(rows).toEqual([{ state: "completed", retry_count: MAX_SEND_ATTEMPTS - 1 }]);

      provider.answer = () => accepted("re_after");
      const next = await bookFollowUp(a, at(a, futureDate(2, 9), "11:00"));
      const nextMessage = await confirmationOf(next.id);
      const sent = spy.waitForJob((d) => d.messageId === nextMessage.id, "completed");
      await w.dispatchNow();
      await clock.tick(2000);
      await sent;
      expect(await confirmationOf(next.id)).toMatchObject({ state: "sent", providerMessageId: "re_after" });
    } finally {
      await w.stop({ timeoutMs: 1000 });
    }
  });
});

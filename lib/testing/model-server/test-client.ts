import type { ModelServer } from "./types";

// Raw HTTP helpers for the fixture's own tests, where an SDK would hide statuses and headers.

export function chatBody(model: string, prompt: string, extra: Record<string, unknown> = {}) {
  return { model, messages: [{ role: "user", content: prompt }], ...extra };
}

export function postChat(
  server: Pick<ModelServer, "baseUrl">,
  body: unknown,
  init: { headers?: Record<string, string>; signal?: AbortSignal; raw?: boolean } = {},
): Promise<Response> {
  return fetch(`${server.baseUrl}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...init.headers },
    body: init.raw ? (body as string) : JSON.stringify(body),
    signal: init.signal,
  });
}

export interface ChatCompletion {
  choices: Array<{ message: { content: string }; finish_reason: string }>;
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

/** Posts and expects a well-formed 200 completion. */
export async function complete(server: ModelServer, body: unknown): Promise<ChatCompletion> {
  const res = await postChat(server, body);
  if (res.status !== 200) throw new Error(`expected 200, got ${res.status}: ${await res.text()}`);
  return (await res.json()) as ChatCompletion;
}

export async function contentOf(server: ModelServer, body: unknown): Promise<string> {
  const completion = await complete(server, body);
  return completion.choices[0]?.message.content ?? "";
}

/** Polls until `check` passes: the server notices closed sockets a moment after the client. */
export async function eventually(check: () => void, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

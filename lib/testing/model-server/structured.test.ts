import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startModelServer } from "./server";
import { chatBody, postChat } from "./test-client";
import type { ModelServer } from "./types";
import { fixtureVerdict } from "./verdict";

let server: ModelServer;
beforeAll(async () => {
  server = await startModelServer({ models: ["test-strong"] });
});
afterAll(() => server.close());
beforeEach(() => server.configure({ structured: "full", apiKey: undefined }));

const schemaFormat = {
  type: "json_schema",
  json_schema: {
    name: "x",
    schema: { type: "object", properties: { n: { type: "integer", minimum: 1, maximum: 3 } }, required: ["n"] },
  },
};
const judgePrompt = (first: string, second: string) => [
  { role: "system", content: "Reply with exactly one JSON object." },
  {
    role: "user",
    content: `<instruction>\nQ\n</instruction>\n\n<answer_a>\n${first}\n</answer_a>\n\n<answer_b>\n${second}\n</answer_b>`,
  },
];

function postMessages(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.baseUrl}/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

describe("emulated kinds of server", () => {
  it("json-mode refuses json_schema with OpenAI's 400 and honours json_object", async () => {
    server.configure({ structured: "json-mode" });
    const refused = await postChat(server, chatBody("test-strong", "hi", { response_format: schemaFormat }));
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toMatchObject({ type: "invalid_request_error", param: "response_format" });
    const json = await postChat(server, chatBody("test-strong", "hi", { response_format: { type: "json_object" } }));
    expect(JSON.parse((await json.json()).choices[0].message.content)).toHaveProperty("answer");
  });

  it("none answers text whatever response_format asks; full honours the schema", async () => {
    server.configure({ structured: "none" });
    const ignored = await (
      await postChat(server, chatBody("test-strong", "hi", { response_format: schemaFormat }))
    ).json();
    expect(ignored.choices[0].message.content).toMatch(/^Regarding "hi"/);
    server.configure({ structured: "full" });
    const honoured = await (
      await postChat(server, chatBody("test-strong", "hi", { response_format: schemaFormat }))
    ).json();
    expect(JSON.parse(honoured.choices[0].message.content).n).toBeGreaterThanOrEqual(1);
    expect(() => server.configure({ structured: "xml" as never })).toThrow(RangeError);
  });

  it("verdicts: the same request gives the same verdict, scores follow the winner, and the longer answer usually wins", () => {
    const long = "word ".repeat(80);
    const short = "word ".repeat(15);
    let longerWon = 0;
    for (let i = 0; i < 200; i++) {
      const messages = judgePrompt(`${i} ${long}`, `${i} ${short}`);
      const v = fixtureVerdict({ a: `${i} ${long}`, b: `${i} ${short}` }, 0, messages);
      expect(fixtureVerdict({ a: `${i} ${long}`, b: `${i} ${short}` }, 0, messages)).toEqual(v);
      for (const s of [v.score_a, v.score_b]) expect(Number.isInteger(s) && s >= 1 && s <= 10).toBe(true);
      if (v.winner === "A") expect(v.score_a).toBeGreaterThan(v.score_b);
      if (v.winner === "B") expect(v.score_b).toBeGreaterThan(v.score_a);
      if (v.winner === "A") longerWon++;
    }
    expect(longerWon).toBeGreaterThan(160);
    expect(longerWon).toBeLessThan(200); // an occasional upset, so swapped orders can disagree
  });
});

describe("Anthropic's Messages API", () => {
  const body = {
    model: "test-strong",
    max_tokens: 300,
    system: "Be brief.",
    messages: [{ role: "user", content: [{ type: "text", text: "Name a colour" }] }],
  };

  it("requires x-api-key, and the configured one when there is one", async () => {
    const missing = await postMessages(body);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({
      type: "error",
      error: { type: "authentication_error", message: "x-api-key header is required" },
    });
    server.configure({ apiKey: "sk-ant-right-123456" });
    expect((await postMessages(body, { "x-api-key": "sk-ant-wrong-123456" })).status).toBe(401);
    expect((await postMessages(body, { "x-api-key": "sk-ant-right-123456" })).status).toBe(200);
  });

  it("answers text blocks with usage, or a tool_use block matching the forced tool's schema", async () => {
    const text = await (await postMessages(body, { "x-api-key": "k" })).json();
    expect(text).toMatchObject({
      type: "message",
      role: "assistant",
      model: "test-strong",
      stop_reason: "end_turn",
      content: [{ type: "text" }],
    });
    expect(text.content[0].text).toContain("Name a colour");
    expect(text.usage.input_tokens).toBeGreaterThan(0);
    expect(text.usage.output_tokens).toBeGreaterThan(0);

    const tools = [
      {
        name: "pick",
        input_schema: {
          type: "object",
          properties: { colour: { type: "string", enum: ["red", "blue"] } },
          required: ["colour"],
        },
      },
    ];
    const forced = await (
      await postMessages({ ...body, tools, tool_choice: { type: "tool", name: "pick" } }, { "x-api-key": "k" })
    ).json();
    expect(forced.stop_reason).toBe("tool_use");
    expect(forced.content).toEqual([
      {
        type: "tool_use",
        id: expect.any(String),
        name: "pick",
        input: { colour: expect.stringMatching(/^(red|blue)$/) },
      },
    ]);
    const unknown = await postMessages({ ...body, model: "nope" }, { "x-api-key": "k" });
    expect(unknown.status).toBe(404);
  });
});

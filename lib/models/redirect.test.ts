import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { callModel } from "./call";
import { ModelCallError } from "./errors";
import type { ModelEndpointConfig } from "./types";

// A base URL that redirects elsewhere: the key must not follow. fetch keeps x-api-key (Anthropic)
// across a cross-origin redirect; only Authorization is dropped.

const API_KEY = "sk-ant-redirect-test-4c1f9e27b8d3";
let redirector: Server;
let elsewhere: Server;
let elsewhereHits: { url?: string; key?: string | string[]; auth?: string }[] = [];
const url = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

async function listen(server: Server): Promise<Server> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

beforeAll(async () => {
  elsewhere = await listen(
    createServer((req, res) => {
      elsewhereHits.push({ url: req.url, key: req.headers["x-api-key"], auth: req.headers.authorization });
      res.writeHead(500).end();
    }),
  );
  redirector = await listen(
    createServer((req, res) => {
      const status = Number(/^\/(\d{3})\//.exec(req.url!)?.[1] ?? 307);
      req.resume();
      res.writeHead(status, { location: `${url(elsewhere)}${req.url}` }).end("<p>Moved: secret page body</p>");
    }),
  );
});
afterAll(() => {
  redirector.close();
  elsewhere.close();
});
beforeEach(() => {
  elsewhereHits = [];
});

describe("a model server answering with a redirect", () => {
  for (const provider of ["ANTHROPIC", "OPENAI", "OPENAI_COMPATIBLE"] as const) {
    it(`is an error for ${provider}, and the key never reaches the redirect's target`, async () => {
      for (const status of [307, 301]) {
        const endpoint: ModelEndpointConfig = {
          provider,
          baseUrl: `${url(redirector)}/${status}/v1`,
          modelId: "some-model",
          apiKey: API_KEY,
        };
        const err = await callModel({ endpoint, messages: [{ role: "user", content: "Hello" }] }).then(
          () => expect.unreachable("the call should fail"),
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(ModelCallError);
        const { info } = err as ModelCallError;
        expect(info).toMatchObject({ kind: "bad_request", retryable: false, status });
        expect(info.message).toMatch(new RegExp(`^The model server answered ${status} .*redirects are not followed`));
        expect(info.message).toContain("base URL must be the final address");
        expect(info.message).not.toContain(url(elsewhere));
        expect(info.message).not.toContain("secret page body");
      }
      expect(elsewhereHits).toEqual([]);
    });
  }
});

import { describe, expect, it } from "vitest";
import { invalidFields } from "@/lib/testing/validation";
import { ApiError } from "./errors";
import { readImportRequest } from "./import-request";

const pasted = (json: BodyInit) =>
  readImportRequest(
    new Request("http://test/api/x", { method: "POST", headers: { "content-type": "application/json" }, body: json }),
    1_000_000,
  );

describe("pasted import text", () => {
  it("is refused by field when it holds text PostgreSQL cannot store", async () => {
    expect(await invalidFields(pasted('{"text":"a\\u0000b"}'))).toEqual([
      { path: "text", message: 'must not contain the NUL character (\\u0000) (got "a\\u0000b")' },
    ]);
    expect((await invalidFields(pasted('{"text":"ok","fileName":"x\\ud800"}')))[0]!.path).toBe("fileName");
    expect(await pasted('{"text":"fine"}')).toMatchObject({ input: "fine" });
  });

  it("is refused, not altered, when the JSON is not UTF-8", async () => {
    const body = Buffer.concat([Buffer.from('{"text":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
    const err = await pasted(body).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: "invalid_utf8" });
    expect((err as ApiError).message).toContain("(byte 12)");
  });
});

import { describe, expect, it } from "vitest";
import { invalidFields } from "@/lib/testing/validation";
import { readImportRequest } from "./import-request";

const pasted = (json: string) =>
  readImportRequest(
    new Request("http://test/api/x", { method: "POST", headers: { "content-type": "application/json" }, body: json }),
    1_000_000,
  );

describe("pasted import text", () => {
  it("is refused by field when it holds text PostgreSQL cannot store", async () => {
    expect(await invalidFields(pasted('{"text":"a\\u0000b"}'))).toEqual([
      { path: "text", message: "must not contain the NUL character (\\u0000)" },
    ]);
    expect((await invalidFields(pasted('{"text":"ok","fileName":"x\\ud800"}')))[0]!.path).toBe("fileName");
    expect(await pasted('{"text":"fine"}')).toMatchObject({ input: "fine" });
  });
});

import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-url";

const origin = "https://pairwise.example";

describe("sign-in callback URL", () => {
  it("keeps paths of the site, with their query and hash", () => {
    expect(safeCallbackPath("/projects/abc/annotate?x=1#top", origin)).toBe("/projects/abc/annotate?x=1#top");
    expect(safeCallbackPath("/admin/users", origin)).toBe("/admin/users");
  });

  it("sends anything that could leave the site to the home page", () => {
    for (const url of [
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "//evil.example",
      "/a/..//evil.example",
      "/./..//evil.example/x?y#z",
      "/\\/evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "evil.example",
      "",
      undefined,
    ]) {
      expect(safeCallbackPath(url, origin)).toBe("/");
    }
  });
});

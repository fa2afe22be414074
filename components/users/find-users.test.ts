import { describe, expect, it } from "vitest";
import { findUsers } from "./find-users";

describe("findUsers", () => {
  const users = [
    { email: "ada@lab.test", name: "Ada Lovelace" },
    { email: "grace@lab.test", name: null },
    { email: "bulk-98@lab.test", name: "Bulk User 98" },
  ];

  it("finds by a part of the email or the name, in any case", () => {
    expect(findUsers(users, "GRACE").map((u) => u.email)).toEqual(["grace@lab.test"]);
    expect(findUsers(users, " lovelace ").map((u) => u.email)).toEqual(["ada@lab.test"]);
    expect(findUsers(users, "user 9").map((u) => u.email)).toEqual(["bulk-98@lab.test"]);
    expect(findUsers(users, "nobody")).toEqual([]);
  });

  it("keeps everyone for an empty search", () => {
    expect(findUsers(users, "  ")).toBe(users);
  });
});

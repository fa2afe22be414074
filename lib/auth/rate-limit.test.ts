import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  attemptFailed,
  attemptSucceeded,
  clearFailures,
  limitedAddress,
  recordFailure,
  retryAfterSeconds,
  SIGN_IN_LIMITS,
  signInKeys,
  takeAttempt,
} from "./rate-limit";

const fail = (email: string, ip: string) => recordFailure(signInKeys(email, ip).map((k) => k.key));

describe("sign-in rate limit", () => {
  it("blocks an email after its allowance of failures, with a retry time within the window", async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail - 1; i++) await fail("a@example.test", "10.0.0.1");
    expect(await retryAfterSeconds(signInKeys("a@example.test", "10.0.0.2"))).toBe(0);
    await fail("A@example.test", "10.0.0.1");
    const wait = await retryAfterSeconds(signInKeys("a@example.test", "10.0.0.2"));
    expect(wait).toBeGreaterThan(SIGN_IN_LIMITS.windowSeconds - 60);
    expect(wait).toBeLessThanOrEqual(SIGN_IN_LIMITS.windowSeconds);
    // Another account from another address is unaffected.
    expect(await retryAfterSeconds(signInKeys("b@example.test", "10.0.0.2"))).toBe(0);
  });

  it("blocks an address that tries many different emails", async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.perIp; i++) await fail(`user${i}@example.test`, "10.0.0.9");
    expect(await retryAfterSeconds(signInKeys("fresh@example.test", "10.0.0.9"))).toBeGreaterThan(0);
  });

  it("starts a new window once the old one has passed", async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail; i++) await fail("c@example.test", "10.0.0.3");
    const old = new Date(Date.now() - (SIGN_IN_LIMITS.windowSeconds + 1) * 1000);
    await db.rateLimitBucket.updateMany({ data: { windowStart: old } });
    expect(await retryAfterSeconds(signInKeys("c@example.test", "10.0.0.3"))).toBe(0);
    await fail("c@example.test", "10.0.0.3");
    const row = await db.rateLimitBucket.findUniqueOrThrow({ where: { key: "signin:email:c@example.test" } });
    expect(row.count).toBe(1);
  });

  it("counts concurrent failures exactly", async () => {
    await Promise.all(Array.from({ length: 20 }, () => fail("d@example.test", "10.0.0.4")));
    const row = await db.rateLimitBucket.findUniqueOrThrow({ where: { key: "signin:email:d@example.test" } });
    expect(row.count).toBe(20);
  });

  it("forgets an email's failures after a successful sign-in", async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail; i++) await fail("e@example.test", "10.0.0.5");
    await clearFailures([signInKeys("e@example.test", "x")[0]!.key]);
    expect(await retryAfterSeconds(signInKeys("e@example.test", "10.0.0.6"))).toBe(0);
  });
});

describe("attempts in flight", () => {
  // An address allowed two failures, and the email keys of the people signing in from it.
  const address = (name: string) => ({ key: `signin:ip:${name}`, max: 2 });
  const person = (i: number) => ({ key: `signin:email:${i}@example.test`, max: SIGN_IN_LIMITS.perEmail });

  it("hold a place each: an attempt past the limit waits for them and goes ahead when they were right", async () => {
    const ip = address("203.0.113.30");
    expect(await takeAttempt([person(1), ip])).toBe(0);
    expect(await takeAttempt([person(2), ip])).toBe(0);
    const third = takeAttempt([person(3), ip]);
    await attemptSucceeded(person(1).key, [ip.key]);
    await attemptSucceeded(person(2).key, [ip.key]);
    expect(await third).toBe(0);
    await attemptSucceeded(person(3).key, [ip.key]);
    const row = await db.rateLimitBucket.findUniqueOrThrow({ where: { key: ip.key } });
    expect({ failures: row.count, inFlight: row.pending }).toEqual({ failures: 0, inFlight: 0 });
  });

  it("an attempt waiting for them is refused for the rest of the window when they were wrong", async () => {
    const ip = address("203.0.113.31");
    expect(await takeAttempt([person(4), ip])).toBe(0);
    expect(await takeAttempt([person(5), ip])).toBe(0);
    const third = takeAttempt([person(6), ip]);
    await attemptFailed([person(4).key, ip.key]);
    await attemptFailed([person(5).key, ip.key]);
    expect(await third).toBeGreaterThan(SIGN_IN_LIMITS.windowSeconds - 60);
    const row = await db.rateLimitBucket.findUniqueOrThrow({ where: { key: ip.key } });
    expect({ failures: row.count, inFlight: row.pending }).toEqual({ failures: 2, inFlight: 0 });
  });
});

describe("the address a per-address limit counts", () => {
  it("counts an IPv6 address by its /64, which one subscriber can pick any address from", () => {
    expect(limitedAddress("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(limitedAddress("2001:0db8:0001:0002::1")).toBe("2001:db8:1:2::/64");
    expect(limitedAddress("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(limitedAddress("::1")).toBe("0:0:0:0::/64");
    expect(limitedAddress("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(limitedAddress("203.0.113.7")).toBe("203.0.113.7");
  });

  it("blocks a /64 whose addresses each tried a few times", async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.perIp; i++) await fail(`v6-${i}@example.test`, `2001:db8:5:6::${i + 1}`);
    expect(await retryAfterSeconds(signInKeys("fresh-v6@example.test", "2001:db8:5:6:ffff::9"))).toBeGreaterThan(0);
    expect(await retryAfterSeconds(signInKeys("fresh-v6@example.test", "2001:db8:5:7::1"))).toBe(0);
  });
});

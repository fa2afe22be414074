import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, SecretDecryptionError } from "./crypto";

const KEY = "sk-test-0123456789-abcdefghijklmnop";

describe("API key encryption", () => {
  it("round-trips under the configured APP_SECRET, and the stored form hides the key", () => {
    const stored = encryptSecret(KEY);
    expect(stored).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain(KEY);
    expect(decryptSecret(stored)).toBe(KEY);
    expect(decryptSecret(encryptSecret("ключ 🔑"))).toBe("ключ 🔑");
  });

  it("encrypts the same key differently every time", () => {
    const a = encryptSecret(KEY);
    const b = encryptSecret(KEY);
    expect(a).not.toBe(b);
    expect(decryptSecret(a)).toBe(decryptSecret(b));
  });

  it("detects tampering with the ciphertext, the tag or the IV", () => {
    const [version, iv, tag, ciphertext] = encryptSecret(KEY).split(":") as [string, string, string, string];
    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, "base64");
      bytes[0] = bytes[0]! ^ 1;
      return bytes.toString("base64");
    };
    for (const altered of [
      [version, iv, tag, flip(ciphertext)],
      [version, iv, flip(tag), ciphertext],
      [version, flip(iv), tag, ciphertext],
      ["v2", iv, tag, ciphertext],
      [version, iv, tag],
    ]) {
      expect(() => decryptSecret(altered.join(":"))).toThrow(SecretDecryptionError);
    }
  });

  it("fails under a different APP_SECRET", () => {
    const stored = encryptSecret(KEY, "first-app-secret-first-app-secret-0000");
    expect(decryptSecret(stored, "first-app-secret-first-app-secret-0000")).toBe(KEY);
    expect(() => decryptSecret(stored, "other-app-secret-other-app-secret-0000")).toThrow(SecretDecryptionError);
  });
});

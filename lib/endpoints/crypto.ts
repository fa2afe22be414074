import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { getServerEnv } from "@/lib/env";

// Versioned so the scheme (or the key derivation) can change later without guessing formats.
const VERSION = "v1";
// Binds the derived key and every ciphertext to this use: a key derived from APP_SECRET for
// anything else, or a ciphertext copied from another encrypted column, will not verify here.
const CONTEXT = "pairwise:model-endpoint-api-key:v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretDecryptionError extends Error {
  constructor() {
    super("The stored secret cannot be decrypted: APP_SECRET changed or the value was altered");
  }
}

const keys = new Map<string, Buffer>();

function deriveKey(appSecret: string): Buffer {
  let key = keys.get(appSecret);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", appSecret, "pairwise", CONTEXT, 32));
    keys.set(appSecret, key);
  }
  return key;
}

const configuredSecret = () => getServerEnv().APP_SECRET;

/** AES-256-GCM with a fresh random IV: `v1:<iv>:<tag>:<ciphertext>`, each part base64. */
export function encryptSecret(plaintext: string, appSecret: string = configuredSecret()): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(appSecret), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(CONTEXT));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, ...[iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString("base64"))].join(":");
}

/** Reverses encryptSecret; throws SecretDecryptionError when the tag does not verify. */
export function decryptSecret(payload: string, appSecret: string = configuredSecret()): string {
  const [version, ivText, tagText, cipherText, ...extra] = payload.split(":");
  if (version !== VERSION || ivText === undefined || tagText === undefined || cipherText === undefined || extra.length)
    throw new SecretDecryptionError();
  const [iv, tag, ciphertext] = [ivText, tagText, cipherText].map((p) => Buffer.from(p, "base64")) as [
    Buffer,
    Buffer,
    Buffer,
  ];
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretDecryptionError();
  try {
    const decipher = createDecipheriv("aes-256-gcm", deriveKey(appSecret), iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(CONTEXT));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretDecryptionError();
  }
}

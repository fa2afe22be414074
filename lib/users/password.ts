import "server-only";
import { hash, verify } from "@node-rs/argon2";
import { randomBytes } from "node:crypto";

// argon2id with the library's defaults (19 MiB, 2 passes), the OWASP-recommended minimum.
export function hashPassword(password: string): Promise<string> {
  // 2 = Algorithm.Argon2id (a const enum, which isolated modules cannot read).
  return hash(password, { algorithm: 2 });
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

/** A readable random password for generated accounts (about 120 bits). */
export function generatePassword(): string {
  return randomBytes(15).toString("base64url");
}

import { z } from "zod";
import { idParamsSchema } from "@/lib/params";

export const tokenScopeSchema = z.enum(["READ", "FULL"], { error: "Choose read-only or full access" });
export type TokenScopeName = z.infer<typeof tokenScopeSchema>;

export const createTokenSchema = z.object({
  name: z
    .string({ error: "Name the token (what will use it)" })
    .trim()
    .min(1, "Name the token (what will use it)")
    .max(100, "Token name must be at most 100 characters"),
  scope: tokenScopeSchema.default("FULL"),
});
export type CreateTokenInput = z.input<typeof createTokenSchema>;

export const tokenIdParamsSchema = idParamsSchema;

/** A token as listed: never the token itself, which is shown once at creation. */
export interface PublicToken {
  id: string;
  name: string;
  prefix: string;
  scope: TokenScopeName;
  owner: { id: string; email: string };
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** Ended: its owner's password, role or status changed since it was made, or the owner was deactivated. */
  status: "active" | "revoked" | "ended";
}

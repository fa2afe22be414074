import { z } from "zod";
import { idParamsSchema } from "@/lib/params";

export const roleSchema = z.enum(["ADMIN", "ANNOTATOR"]);
export type RoleName = z.infer<typeof roleSchema>;

export const emailSchema = z
  .string({ error: "Enter a valid email address" })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid email address" }).max(254));

export const passwordSchema = z
  .string()
  .min(8, "Password must be at least 8 characters")
  .max(200, "Password must be at most 200 characters");

export const createUserSchema = z.object({
  email: emailSchema,
  name: z.string().trim().max(100).optional(),
  role: roleSchema.default("ANNOTATOR"),
  password: passwordSchema,
});
export type CreateUserInput = z.input<typeof createUserSchema>;

export const updateUserSchema = z
  .object({
    name: z.string().trim().max(100).optional(),
    role: roleSchema.optional(),
    active: z.boolean().optional(),
    password: passwordSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { error: "Nothing to update" });
export type UpdateUserInput = z.input<typeof updateUserSchema>;

export const userIdParamsSchema = idParamsSchema;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password").max(200),
});

/** The user as the browser sees it: never a hash. */
export interface PublicUser {
  id: string;
  email: string;
  name: string | null;
  role: RoleName;
  active: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

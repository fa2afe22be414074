import type { RoleName } from "@/lib/users/schemas";

declare module "next-auth" {
  interface User {
    role: RoleName;
    sessionVersion: number;
  }
  interface Session {
    user: { id: string; email: string; name: string | null; role: RoleName; sv: number };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role: RoleName;
    sv: number;
  }
}

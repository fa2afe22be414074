import type { RoleName } from "@/lib/users/schemas";

declare module "next-auth" {
  interface User {
    role: RoleName;
    sessionVersion: number;
  }
  interface Session {
    user: {
      id: string;
      email: string;
      name: string | null;
      role: RoleName;
      sv: number;
      sid?: string;
      signedInAt?: number;
    };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role: RoleName;
    sv: number;
    /** Random per sign-in: the id signing out records as ended (lib/auth/ended-sessions.ts). */
    sid?: string;
    /** Seconds since the epoch: sessions end SESSION_MAX_AGE_SECONDS after sign-in, however refreshed. */
    signedInAt?: number;
  }
}

import { handler } from "@/lib/api/handler";

export const GET = handler({ access: "user" }, ({ user }) => ({ user }));

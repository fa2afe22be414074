import { NextResponse } from "next/server";
import { handler } from "@/lib/api/handler";
import { db } from "@/lib/db";
import { checkHealth } from "@/lib/health/check";

export const dynamic = "force-dynamic";

export const GET = handler({ access: "public" }, async () => {
  const health = await checkHealth(db);
  // 503 only when the database is down: pending migrations are reported, not fatal.
  return NextResponse.json(health, { status: health.database.reachable ? 200 : 503 });
});

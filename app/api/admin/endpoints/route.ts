import { handler } from "@/lib/api/handler";
import { createEndpoint, listEndpoints } from "@/lib/endpoints/endpoints";
import { createEndpointSchema } from "@/lib/endpoints/schemas";

export const GET = handler({ access: "ADMIN" }, async () => ({ endpoints: await listEndpoints() }));

export const POST = handler({ access: "ADMIN", body: createEndpointSchema }, async ({ body }) => ({
  endpoint: await createEndpoint(body),
}));

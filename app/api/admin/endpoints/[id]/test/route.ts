import { handler } from "@/lib/api/handler";
import { endpointIdParamsSchema } from "@/lib/endpoints/schemas";
import { testEndpoint } from "@/lib/endpoints/test-endpoint";

// A provider's refusal is the answer the admin asked for, so it comes back as 200 with ok: false.
export const POST = handler({ access: "ADMIN", params: endpointIdParamsSchema }, async ({ params }) =>
  testEndpoint(params.id),
);

import { handler } from "@/lib/api/handler";
import { updateEndpoint } from "@/lib/endpoints/endpoints";
import { endpointIdParamsSchema, updateEndpointSchema } from "@/lib/endpoints/schemas";

export const PATCH = handler(
  { access: "ADMIN", params: endpointIdParamsSchema, body: updateEndpointSchema },
  async ({ user, params, body }) => ({ endpoint: await updateEndpoint(params.id, body, user.id) }),
);

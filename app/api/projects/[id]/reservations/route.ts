import { handler } from "@/lib/api/handler";
import { listReservations, releaseReservations, reservePairs } from "@/lib/annotation/reservations";
import { projectParams, releaseQuerySchema, reserveSchema } from "@/lib/annotation/schemas";

export const GET = handler({ access: "ADMIN", project: "admin", params: projectParams }, async ({ project }) => ({
  reservations: await listReservations(project.id),
}));

export const POST = handler(
  { access: "ADMIN", project: "admin", params: projectParams, body: reserveSchema },
  async ({ project, body }) => ({
    ...(await reservePairs(project.id, body)),
    reservations: await listReservations(project.id),
  }),
);

export const DELETE = handler(
  { access: "ADMIN", project: "admin", params: projectParams, query: releaseQuerySchema },
  async ({ project, query }) => ({
    ...(await releaseReservations(project.id, query.userId)),
    reservations: await listReservations(project.id),
  }),
);

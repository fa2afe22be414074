export const LEASE_MINUTES = Number(process.env.ANNOTATION_LEASE_MINUTES ?? 10);
export const UNDO_SECONDS = 60;

// The public surface of lib/dashboard: the project overview's figures (votes per day, each
// annotator's throughput and pace, the work left, model cost per day).
export { getProjectDashboard, DASHBOARD_DAYS, RECENT_VOTES } from "./dashboard";
export type { ProjectDashboard } from "./types";

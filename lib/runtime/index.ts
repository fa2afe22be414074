// What the web server's own code may use of the start-up runtime: the rest runs only in scripts.
export { migrationProblem, shippedMigrations } from "./migrations";

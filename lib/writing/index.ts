// The public surface of lib/writing for other lib domains: what a written answer's length is.
// The write queue and submit are used by their routes.
export { answerLength } from "./schemas";

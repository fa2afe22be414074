import type { TestProject } from "vitest/node";
import { createMigratedTemplate, dropDatabase, startTestServer } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    testServerUrl: string;
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startTestServer();
  const template = await createMigratedTemplate(server.serverUrl);
  project.provide("testServerUrl", server.serverUrl);
  project.provide("templateDatabase", template);
  return async () => {
    await dropDatabase(server.serverUrl, template);
    await server.stop();
  };
}

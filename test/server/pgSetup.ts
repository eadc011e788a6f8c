// vitest global setup of the PostgreSQL project: one throwaway cluster for the run, removed
// at the end. If PostgreSQL cannot start, the run fails here: the suite never skips silently.
import type { TestProject } from "vitest/node";
import { startPostgres, type PgCluster } from "./pgCluster";

declare module "vitest" {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

let cluster: PgCluster | null = null;

export async function setup(project: TestProject): Promise<void> {
  cluster = await startPostgres();
  project.provide("pgUrl", cluster.url);
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
}

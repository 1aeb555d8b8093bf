/** What an engine's run of a workload measures (bench/child.ts adds the derived figures). */
export interface EngineRun {
  detail: string;
  train_s: number;
  total_s: number;
  evaluations: number;
  accuracy: number;
  loss: number;
  profile?: Record<string, number>;
}

/** What an engine's run of a workload measures (bench/child.ts adds the derived figures). */
export interface EngineRun {
  detail: string;
  train_s: number;
  total_s: number;
  evaluations: number;
  accuracy: number;
  loss: number;
  profile?: Record<string, number>;
  /** CPU seconds (all threads) in the training steps: on a shared machine, steadier than their wall time. */
  train_cpu_s?: number;
}

/** Sums the wall-clock and CPU seconds (the whole process, all threads) of the timed sections. */
export class StepClock {
  wall = 0;
  cpu = 0;
  private w0 = 0;
  private c0: NodeJS.CpuUsage | undefined;
  start(): void {
    this.c0 = process.cpuUsage();
    this.w0 = performance.now();
  }
  stop(): void {
    this.wall += (performance.now() - this.w0) / 1000;
    const d = process.cpuUsage(this.c0);
    this.cpu += (d.user + d.system) / 1e6;
  }
}

// The accuracy and loss curves, drawn by Vega-Lite as training records arrive (rows inserted into a named data
// set, so the chart grows without being rebuilt). Several runs share a chart, one colour each, for comparison.
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { StepRecord } from '../../src/tutorial/training.js';

/** One point of a curve: a record, labelled with its run. */
interface Row {
  run: string;
  step: number;
  value: number;
}

/** How many runs a chart keeps: enough to compare, few enough to read. */
export const RUNS_KEPT = 4;

function spec(field: 'accuracy' | 'loss', title: string): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 'container',
    height: 180,
    autosize: { type: 'fit-x', contains: 'padding' },
    data: { name: 'rows' },
    mark: { type: 'line', point: { size: 14 }, interpolate: 'linear' },
    encoding: {
      x: { field: 'step', type: 'quantitative', title: 'training step' },
      y: {
        field: 'value',
        type: 'quantitative',
        title,
        scale: field === 'accuracy' ? { domain: [0, 1] } : { zero: true },
      },
      color: { field: 'run', type: 'nominal', title: 'run', legend: { orient: 'bottom', direction: 'vertical', labelLimit: 400 } },
      tooltip: [{ field: 'run' }, { field: 'step' }, { field: 'value', format: '.4f', title }],
    },
    config: { font: 'system-ui, sans-serif', view: { stroke: null } },
  };
}

/** A live line chart of one field of the step records. */
export class CurveChart {
  private readonly view: View;
  private readonly runs: string[] = [];
  private ready: Promise<unknown>;

  constructor(
    container: HTMLElement,
    private readonly field: 'accuracy' | 'loss',
    title: string,
  ) {
    this.view = new View(parse(compile(spec(field, title)).spec), { container, renderer: 'svg', hover: true });
    this.ready = this.view.runAsync();
  }

  /** Starts a new curve named `run`, dropping the oldest beyond RUNS_KEPT. */
  startRun(run: string): void {
    this.runs.push(run);
    const dropped = this.runs.splice(0, Math.max(0, this.runs.length - RUNS_KEPT));
    if (dropped.length > 0) this.update((v) => v.remove('rows', (r: Row) => dropped.includes(r.run)));
  }

  /** Adds one record to the current run's curve. */
  add(run: string, r: StepRecord): void {
    const row: Row = { run, step: r.step, value: r[this.field] };
    this.update((v) => v.insert('rows', [row]));
  }

  // Changes are chained so rows land in order even though each render is asynchronous.
  private update(change: (v: View) => void): void {
    this.ready = this.ready.then(() => {
      change(this.view);
      return this.view.runAsync();
    });
  }
}

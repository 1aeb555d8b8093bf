// The graph's GraphDef as an immutable snapshot (immer): brought up to date when asked for, sharing the
// unchanged nodes with earlier snapshots.
import { produce, freeze, castDraft } from 'immer';
import type { Operation } from './operation.js';
import { nodeDefOf } from './graph_def.js';
import { GraphDefSnapshot } from './graph_def_message.js';

/** The latest snapshot of a graph's ops and how many of them it holds. */
export class SnapshotCache {
  private _snapshot: GraphDefSnapshot = freeze(new GraphDefSnapshot([], { producer: 27 }), true);
  private _snapshotCount = 0;

  /** `op`'s node changed (an attribute set after creation): later snapshots hold its new NodeDef. */
  updated(op: Operation): void {
    if (op._id < this._snapshotCount) {
      const def = nodeDefOf(op);
      this._snapshot = produce(this._snapshot, (d) => {
        d.node[op._id] = castDraft(def);
      });
    }
  }

  /** The snapshot of `ops`, the graph's ops in creation order (a list that only grows). */
  of(ops: readonly Operation[]): GraphDefSnapshot {
    if (this._snapshotCount < ops.length) {
      const fresh = ops.slice(this._snapshotCount).map(nodeDefOf);
      this._snapshot = produce(this._snapshot, (d) => {
        d.node.push(...castDraft(fresh));
      });
      this._snapshotCount = ops.length;
    }
    return this._snapshot;
  }
}

// The save/restore subgraph a Saver adds to its graph, as TF r1.12's BaseSaverBuilder builds it (sharded=False,
// write_version V2): under the `save` name scope, `Const` (the filename, "model"), `SaveV2` with its `tensor_names`
// and `shape_and_slices` constants, `control_dependency` (the filename after the save), and for each variable in key
// order a `RestoreV2` (`RestoreV2_1`, ...) of its one entry and an `Assign` (`Assign_1`, ...) into the variable, grouped
// by the `restore_all` NoOp. The SaverDef names these nodes, so a .meta tf1-ts writes restores in Python TF1.
import { create } from '@bufbuild/protobuf';
import { NDArray } from '../framework/ndarray.js';
import { SaverDefSchema, SaverDef_CheckpointFormatVersion, type SaverDef as SaverDefProto } from '../framework/proto/tensorflow/core/protobuf/saver_pb.js';
import type { Graph } from '../graph/graph.js';
import type { Tensor } from '../graph/tensor.js';
import { constant } from '../ops/array_ops.js';
import { group, with_dependencies } from '../ops/control_flow_ops.js';
import { name_scope } from '../ops/scopes.js';
import { assign, type RefVariable } from '../ops/variables.js';

/** What shapes the SaverDef besides the graph: TF1's Saver arguments. */
export interface SaverGraphOptions {
  name: string | null;
  max_to_keep: number;
  keep_checkpoint_every_n_hours: number;
  version: 1 | 2;
}

const strings = (g: Graph, values: string[], name: string): Tensor => g.as_default(() => constant(NDArray.fromStrings(values, [values.length]), { name }));

/** Builds TF1's save/restore nodes for `vars` (checkpoint key, variable) in `g` and returns the SaverDef naming them. */
export function buildSaverGraph(g: Graph, vars: readonly (readonly [string, RefVariable])[], o: SaverGraphOptions): SaverDefProto {
  const sorted = [...vars].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return g.as_default(() =>
    name_scope(
      o.name,
      'save',
      sorted.map(([, v]) => v.op),
      () => {
        const filename = constant('model');
        const keys = sorted.map(([k]) => k);
        const save = g.name_scope('SaveV2', (s) => {
          const inputs = [
            filename,
            strings(g, keys, 'tensor_names'),
            strings(
              g,
              keys.map(() => ''),
              'shape_and_slices',
            ),
          ];
          return g.create_op('SaveV2', [...inputs, ...sorted.map(([, v]) => v._ref())], {}, s);
        });
        const saveTensor = with_dependencies([save], filename);
        // bulk_restore: every RestoreV2 first, then the assigns
        const restored = sorted.map(([key, v]) =>
          g.name_scope('RestoreV2', (s) => {
            const inputs = [filename, strings(g, [key], 'tensor_names'), strings(g, [''], 'shape_and_slices')];
            return g.create_op('RestoreV2', inputs, { dtypes: [v.dtype] }, s).outputs[0]!;
          }),
        );
        const assigns = sorted.map(([, v], i) => assign(v, restored[i]!, { validate_shape: v.shape.is_fully_defined() }).op);
        const restore = group(...assigns, { name: 'restore_all' });
        return create(SaverDefSchema, {
          filenameTensorName: filename.name,
          saveTensorName: saveTensor.name,
          restoreOpName: restore.name,
          maxToKeep: o.max_to_keep,
          sharded: false,
          keepCheckpointEveryNHours: o.keep_checkpoint_every_n_hours,
          version: o.version === 2 ? SaverDef_CheckpointFormatVersion.V2 : SaverDef_CheckpointFormatVersion.V1,
        });
      },
    ),
  );
}

// TF1's saved_model/loader_impl.py: `tf.saved_model.loader.load(sess, tags, export_dir)` imports the MetaGraphDef
// whose tags match into the session's graph, restores its variables from `variables/variables`, and runs its main
// op (or legacy init op) with the asset tensors fed their files' paths.
import { createRegistry, fromBinary } from '@bufbuild/protobuf';
import { anyUnpack, type Any } from '@bufbuild/protobuf/wkt';
import { kind, opt, req, tf1 } from '../../framework/args.js';
import { RuntimeError } from '../../framework/errors.js';
import { IOError } from '../../framework/io_error.js';
import { fromText } from '../../framework/text_format.js';
import { STR } from '../../ops/kinds.js';
import type { Operation } from '../../graph/operation.js';
import type { Tensor } from '../../graph/tensor.js';
import type { Session } from '../../session/session.js';
import { SavedModelSchema, type SavedModel } from '../../framework/proto/tensorflow/core/protobuf/saved_model_pb.js';
import { AssetFileDefSchema, type AssetFileDef, type MetaGraphDef } from '../../framework/proto/tensorflow/core/protobuf/meta_graph_pb.js';
import { readIfFile } from '../checkpoint_io.js';
import { loadMetaGraph, restoreMetaGraph } from '../meta_graph_import.js';
import { withMetaMethods, type MetaGraphDefMessage } from '../meta_graph.js';
import { scopedSaverDef } from '../import_meta_graph.js';
import { Saver } from '../saver.js';
import * as C from './constants.js';

/** TF1's `_parse_saved_model`: saved_model.pb, else saved_model.pbtxt; IOError when neither exists or parses. */
export async function parseSavedModel(export_dir: string): Promise<SavedModel> {
  const pb = `${export_dir}/${C.SAVED_MODEL_FILENAME_PB}`;
  const bytes = await readIfFile(pb);
  if (bytes !== null) {
    try {
      return fromBinary(SavedModelSchema, bytes);
    } catch (e) {
      throw new IOError(`Cannot parse file ${pb}: ${(e as Error).message}.`);
    }
  }
  const pbtxt = `${export_dir}/${C.SAVED_MODEL_FILENAME_PBTXT}`;
  const text = await readIfFile(pbtxt);
  if (text === null) throw new IOError(`SavedModel file does not exist at: ${export_dir}/{${C.SAVED_MODEL_FILENAME_PBTXT}|${C.SAVED_MODEL_FILENAME_PB}}`);
  try {
    return fromText(SavedModelSchema, new TextDecoder('utf-8', { fatal: true }).decode(text));
  } catch (e) {
    throw new IOError(`Cannot parse file ${pbtxt}: ${(e as Error).message}.`);
  }
}

/** TF1's `maybe_saved_model_directory(export_dir)`: whether the folder holds a saved_model.pb or .pbtxt. */
export const maybe_saved_model_directory = tf1('saved_model.loader.maybe_saved_model_directory', [req('export_dir', STR)] as const, async (a) => {
  for (const f of [C.SAVED_MODEL_FILENAME_PB, C.SAVED_MODEL_FILENAME_PBTXT]) if ((await readIfFile(`${a.export_dir}/${f}`)) !== null) return true;
  return false;
});

const registry = createRegistry(AssetFileDefSchema);

/** The AssetFileDefs of a MetaGraphDef's `saved_model_assets` collection. */
function assetFileDefs(meta: MetaGraphDef): AssetFileDef[] {
  const c = meta.collectionDef[C.ASSETS_KEY]?.kind;
  if (c?.case !== 'anyList') return [];
  return c.value.value.map((a: Any) => {
    const m = anyUnpack(a, registry);
    if (m?.$typeName !== 'tensorflow.AssetFileDef') throw new IOError(`The SavedModel's ${C.ASSETS_KEY} collection holds a ${a.typeUrl}, not an AssetFileDef.`);
    return m as AssetFileDef;
  });
}

/** The single op of a main-op collection, or null; TF1's RuntimeError when it holds more than one. */
function mainOp(meta: MetaGraphDef, key: string, graph: Session['graph'], scope: string): Operation | null {
  const c = meta.collectionDef[key]?.kind;
  if (c?.case !== 'nodeList' || c.value.value.length === 0) return null;
  if (c.value.value.length !== 1)
    throw new RuntimeError(`Expected exactly one SavedModel ${key === C.MAIN_OP_KEY ? 'main' : 'legacy init'} op. Found: ${c.value.value.join(', ')}`);
  return graph.get_operation_by_name(scope ? `${scope}/${c.value.value[0]}` : c.value.value[0]!);
}

const SESSION = kind<Session>('Session', (v) => typeof v === 'object' && v !== null && typeof (v as Session).run === 'function' && 'graph' in v);
const TAGS = kind<string[]>('list of strings', (v) => Array.isArray(v) && v.every((t) => typeof t === 'string'));

/**
 * TF1's `tf.saved_model.loader.load(sess, tags, export_dir, import_scope)`: loads the SavedModel's MetaGraphDef whose
 * tags are exactly `tags` into `sess.graph`, restores its variables and runs its main op; returns the MetaGraphDef
 * (its signature_def names the tensors to feed and fetch).
 */
export const load = tf1(
  'saved_model.loader.load',
  [req('sess', SESSION), req('tags', TAGS), req('export_dir', STR), opt('import_scope', STR)] as const,
  async (a): Promise<MetaGraphDefMessage> => {
    const model = await parseSavedModel(a.export_dir);
    const want = new Set(a.tags);
    const meta = model.metaGraphs.find((m) => {
      const tags = new Set(m.metaInfoDef?.tags ?? []);
      return tags.size === want.size && [...want].every((t) => tags.has(t));
    });
    if (!meta) {
      throw new RuntimeError(
        `MetaGraphDef associated with tags ${a.tags.map((t) => `'${t}'`).join(', ')} could not be found in SavedModel. To inspect available tag-sets in the SavedModel, please use the SavedModel CLI: \`saved_model_cli\``,
      );
    }
    const graph = a.sess.graph;
    const scope = a.import_scope ?? '';
    const assets = assetFileDefs(meta);
    const checked = await loadMetaGraph(meta);
    const vars = graph.as_default(() => restoreMetaGraph(checked, graph, scope));
    if (vars.length)
      await graph
        .as_default(() => new Saver(vars, meta.saverDef ? { saver_def: scopedSaverDef(meta.saverDef, scope) } : {}))
        .restore(a.sess, `${a.export_dir}/${C.VARIABLES_DIRECTORY}/${C.VARIABLES_FILENAME}`);
    const op = mainOp(meta, C.MAIN_OP_KEY, graph, scope) ?? mainOp(meta, C.LEGACY_INIT_OP_KEY, graph, scope);
    if (op) {
      const feeds = new Map<Tensor, string>();
      for (const f of assets) {
        if (f.tensorInfo?.encoding.case !== 'name') continue;
        const name = scope ? `${scope}/${f.tensorInfo.encoding.value}` : f.tensorInfo.encoding.value;
        feeds.set(graph.get_tensor_by_name(name), `${a.export_dir}/${C.ASSETS_DIRECTORY}/${f.filename}`);
      }
      await a.sess.run(op, feeds as never);
    }
    return withMetaMethods(meta);
  },
);

// TF1's saved_model/builder_impl.py and simple_save.py: SavedModelBuilder writes `saved_model.pb` (one
// MetaGraphDef per tag-set, with its signatures) and the variables as a checkpoint under `variables/`.
import { create, toBinary } from '@bufbuild/protobuf';
import { isPlainObject, kind, opt, parseArgs, req, signed, tf1, type Call, type Parsed } from '../../framework/args.js';
import { AssertionError, TypeError as TFTypeError, UnimplementedError, ValueError } from '../../framework/errors.js';
import { toText } from '../../framework/text_format.js';
import { BOOL, STR } from '../../ops/kinds.js';
import { get_default_graph, GraphKeys, type Graph } from '../../graph/graph.js';
import { Operation } from '../../graph/operation.js';
import { Tensor } from '../../graph/tensor.js';
import type { Session } from '../../session/session.js';
import type { RefVariable } from '../../ops/variables.js';
import { SavedModelSchema, type SavedModel } from '../../framework/proto/tensorflow/core/protobuf/saved_model_pb.js';
import type { SignatureDef } from '../../framework/proto/tensorflow/core/protobuf/meta_graph_pb.js';
import { isDirectory, makeDirs, writeAtomic } from '../checkpoint_io.js';
import { isMessage, meta_graph_def } from '../meta_graph.js';
import { Saver } from '../saver.js';
import * as C from './constants.js';
import { predict_signature_def, validateTensorInfo } from './signature.js';

const SESSION = kind<Session>('Session', (v) => typeof v === 'object' && v !== null && typeof (v as Session).run === 'function' && 'graph' in v);
const TAGS = kind<string[]>('list of strings', (v) => Array.isArray(v) && v.every((t) => typeof t === 'string'));
const SIGNATURES = kind<Record<string, SignatureDef>>(
  'dict of SignatureDefs',
  (v) => isPlainObject(v) && Object.values(v).every((s) => isMessage(s, 'tensorflow.SignatureDef')),
  { takesObject: true },
);
const OP = kind<Operation>('Operation', (v) => v instanceof Operation, { refuse: (v) => new TFTypeError(`main_op needs to be an Operation: ${String(v)}`) });
const ASSETS = kind<Tensor[]>('list of Tensors', (v) => Array.isArray(v) && v.every((t) => t instanceof Tensor));
const SAVER = kind<Saver>('Saver', (v) => v instanceof Saver);

const META_PARAMS = [
  opt('signature_def_map', SIGNATURES),
  opt('assets_collection', ASSETS),
  opt('legacy_init_op', OP),
  opt('clear_devices', BOOL),
  opt('main_op', OP),
  opt('strip_default_attrs', BOOL),
  opt('saver', SAVER),
] as const;
const ADD_WITH_VARS = [req('sess', SESSION), req('tags', TAGS), ...META_PARAMS] as const;
const ADD = [req('tags', TAGS), ...META_PARAMS] as const;
const BUILDER_PARAMS = [req('export_dir', STR)] as const;
const SAVE_PARAMS = [opt('as_text', BOOL)] as const;
type MetaOptions = Parsed<typeof META_PARAMS>;

/**
 * TF1's `tf.saved_model.builder.SavedModelBuilder(export_dir)`: `add_meta_graph_and_variables(sess, tags, ...)` once,
 * `add_meta_graph(tags, ...)` for further tag-sets of the same graph, then `save(as_text)`.
 */
export class SavedModelBuilder {
  private readonly exportDir: string;
  private readonly model: SavedModel = create(SavedModelSchema, { savedModelSchemaVersion: BigInt(C.SAVED_MODEL_SCHEMA_VERSION) });
  private hasSavedVariables = false;
  private preparing: Promise<void> | null = null;

  constructor(...args: Call<typeof BUILDER_PARAMS>) {
    this.exportDir = parseArgs('SavedModelBuilder', BUILDER_PARAMS, args).export_dir;
  }

  /**
   * TF1 refuses an existing export folder and creates it in the constructor; here both happen at the first
   * add_meta_graph_and_variables / add_meta_graph / save (a constructor cannot await the file system).
   */
  private ready(): Promise<void> {
    this.preparing ??= (async () => {
      if (await isDirectory(this.exportDir))
        throw new AssertionError(`Export directory already exists. Please specify a different export directory: ${this.exportDir}`);
      makeDirs(this.exportDir);
    })();
    return this.preparing;
  }

  /** Saves the variables of `sess` under `variables/` and adds the graph's MetaGraphDef with `tags` and signatures. */
  async add_meta_graph_and_variables(...args: Call<typeof ADD_WITH_VARS>): Promise<void> {
    const a = parseArgs('add_meta_graph_and_variables', ADD_WITH_VARS, args);
    await this.ready();
    if (this.hasSavedVariables)
      throw new AssertionError('Graph state including variables and assets has already been saved. Please invoke `add_meta_graph()` instead.');
    validateSignatures(a.signature_def_map);
    this.addCollections(a);
    const variablesDir = `${this.exportDir}/${C.VARIABLES_DIRECTORY}`;
    makeDirs(variablesDir);
    const graph = a.sess.graph;
    const saver = a.saver ?? maybeSaver(graph);
    if (saver) await saver.save(a.sess, `${variablesDir}/${C.VARIABLES_FILENAME}`, { write_meta_graph: false, write_state: false });
    this.addMeta(graph, a.tags, a.signature_def_map, saver?.saver_def ?? null);
    this.hasSavedVariables = true;
  }

  /** Adds the default graph's MetaGraphDef with `tags` (its variables must have been saved by add_meta_graph_and_variables). */
  async add_meta_graph(...args: Call<typeof ADD>): Promise<void> {
    const a = parseArgs('add_meta_graph', ADD, args);
    // The default graph when called (TF1's), taken before any await.
    const graph = get_default_graph();
    await this.ready();
    if (!this.hasSavedVariables)
      throw new AssertionError('Graph state including variables and assets has not been saved yet. Please invoke `add_meta_graph_and_variables()` first.');
    validateSignatures(a.signature_def_map);
    this.addCollections(a);
    this.addMeta(graph, a.tags, a.signature_def_map);
  }

  /** Writes `saved_model.pb` (or `saved_model.pbtxt` with `as_text`) and returns its path. */
  async save(...args: Call<typeof SAVE_PARAMS>): Promise<string> {
    const asText = parseArgs('save', SAVE_PARAMS, args).as_text ?? false;
    await this.ready();
    const file = `${this.exportDir}/${asText ? C.SAVED_MODEL_FILENAME_PBTXT : C.SAVED_MODEL_FILENAME_PB}`;
    await writeAtomic(file, asText ? new TextEncoder().encode(toText(SavedModelSchema, this.model)) : toBinary(SavedModelSchema, this.model));
    return file;
  }

  private addCollections(a: MetaOptions): void {
    if (a.assets_collection?.length)
      throw new UnimplementedError('SavedModelBuilder: assets_collection is not supported by tf1-ts yet (assets need string tensors).');
    // tf1-ts places no devices: clear_devices changes nothing.
    if (a.strip_default_attrs) throw new ValueError('SavedModelBuilder: strip_default_attrs=True is not supported by tf1-ts yet.');
    const op = a.main_op ?? a.legacy_init_op;
    if (!op) return;
    const graph = op.graph;
    for (const key of [C.MAIN_OP_KEY, C.LEGACY_INIT_OP_KEY])
      if (graph.get_collection(key).length) throw new ValueError(`Graph already contains one or more main ops under the collection ${key}.`);
    graph.add_to_collection(C.MAIN_OP_KEY, op);
  }

  private addMeta(graph: Graph, tags: readonly string[], signatures: Record<string, SignatureDef> | null | undefined, saverDef: unknown = null): void {
    // TF1's MetaGraphDef carries the Saver's SaverDef (add_meta_graph_and_variables' Saver)
    const meta = meta_graph_def(graph, { saver_def: saverDef });
    meta.metaInfoDef!.tags.push(...tags);
    for (const [k, s] of Object.entries(signatures ?? {})) meta.signatureDef[k] = s;
    this.model.metaGraphs.push(meta);
  }
}

signed(SavedModelBuilder, 'saved_model.builder.SavedModelBuilder', BUILDER_PARAMS);
signed(SavedModelBuilder.prototype.add_meta_graph_and_variables, 'SavedModelBuilder.add_meta_graph_and_variables', ADD_WITH_VARS);
signed(SavedModelBuilder.prototype.add_meta_graph, 'SavedModelBuilder.add_meta_graph', ADD);
signed(SavedModelBuilder.prototype.save, 'SavedModelBuilder.save', SAVE_PARAMS);

/** TF1's `_validate_signature_def_map`: every TensorInfo names its tensor and has a dtype. */
function validateSignatures(map: Record<string, SignatureDef> | null | undefined): void {
  for (const s of Object.values(map ?? {})) for (const info of [...Object.values(s.inputs), ...Object.values(s.outputs)]) validateTensorInfo(info);
}

/** TF1's `_maybe_create_saver`: a Saver of every global variable, or none when the graph has none (allow_empty). */
function maybeSaver(graph: Graph): Saver | null {
  const vars = graph.get_collection<RefVariable>(GraphKeys.GLOBAL_VARIABLES);
  return vars.length ? graph.as_default(() => new Saver(vars)) : null;
}

const TENSORS = kind<Record<string, Tensor>>('dict of Tensors', (v) => isPlainObject(v) && Object.values(v).every((t) => t instanceof Tensor), {
  takesObject: true,
});

/**
 * TF1's `tf.saved_model.simple_save(session, export_dir, inputs, outputs, legacy_init_op)`: a SavedModel for serving,
 * tagged `serve`, with one Predict signature (`serving_default`) from the named input and output tensors.
 */
export const simple_save = tf1(
  'saved_model.simple_save',
  [req('session', SESSION), req('export_dir', STR), req('inputs', TENSORS), req('outputs', TENSORS), opt('legacy_init_op', OP)] as const,
  async (a): Promise<void> => {
    const signature_def_map = { [C.signature_constants.DEFAULT_SERVING_SIGNATURE_DEF_KEY]: predict_signature_def(a.inputs, a.outputs) };
    const b = new SavedModelBuilder(a.export_dir);
    await a.session.graph.as_default(() =>
      b.add_meta_graph_and_variables(a.session, [C.tag_constants.SERVING], { signature_def_map, main_op: a.legacy_init_op ?? null, clear_devices: true }),
    );
    await b.save();
  },
);

// TF1's saved_model/utils_impl.py and signature_def_utils_impl.py: TensorInfo and SignatureDef messages naming
// the tensors a SavedModel's signatures feed and fetch.
import { create } from '@bufbuild/protobuf';
import { opt, req, kind, isPlainObject, tf1 } from '../../framework/args.js';
import { AssertionError, ValueError } from '../../framework/errors.js';
import { STR } from '../../ops/kinds.js';
import { get_default_graph, Graph } from '../../graph/graph.js';
import { Tensor } from '../../graph/tensor.js';
import { dataTypeOf, shapeProto } from '../../graph/graph_def_proto.js';
import { SignatureDefSchema, TensorInfoSchema, type SignatureDef, type TensorInfo } from '../../framework/proto/tensorflow/core/protobuf/meta_graph_pb.js';
import { DataType } from '../../framework/proto/tensorflow/core/framework/types_pb.js';
import { isMessage } from '../meta_graph.js';
import { signature_constants } from './constants.js';

const TENSOR = kind<Tensor>('Tensor', (v) => v instanceof Tensor);
const TENSOR_INFO = kind<TensorInfo>('TensorInfo', (v) => isMessage(v, 'tensorflow.TensorInfo'), { takesObject: true });
const TENSORS = kind<Record<string, Tensor>>('dict of Tensors', (v) => isPlainObject(v) && Object.values(v).every((t) => t instanceof Tensor), {
  takesObject: true,
});
const INFOS = kind<Record<string, TensorInfo>>(
  'dict of TensorInfos',
  (v) => isPlainObject(v) && Object.values(v).every((t) => isMessage(t, 'tensorflow.TensorInfo')),
  {
    takesObject: true,
  },
);

/** TF1's `tf.saved_model.utils.build_tensor_info(tensor)`: the TensorInfo naming a dense tensor, its dtype and static shape. */
export const build_tensor_info = tf1(
  'saved_model.utils.build_tensor_info',
  [req('tensor', TENSOR)] as const,
  (a): TensorInfo =>
    create(TensorInfoSchema, {
      encoding: { case: 'name', value: a.tensor.name },
      dtype: dataTypeOf(a.tensor.dtype),
      tensorShape: shapeProto(a.tensor.shape.dims),
    }),
);

/** TF1's `tf.saved_model.utils.get_tensor_from_tensor_info(tensor_info, graph, import_scope)`: the tensor a TensorInfo names. */
export const get_tensor_from_tensor_info = tf1(
  'saved_model.utils.get_tensor_from_tensor_info',
  [
    req('tensor_info', TENSOR_INFO),
    opt(
      'graph',
      kind<Graph>('Graph', (v) => v instanceof Graph),
    ),
    opt('import_scope', STR),
  ] as const,
  (a): Tensor => {
    const graph = a.graph ?? get_default_graph();
    const enc = a.tensor_info.encoding;
    if (enc.case !== 'name') throw new ValueError(`Invalid TensorInfo.encoding: ${enc.case ?? 'None'}`);
    return graph.get_tensor_by_name(a.import_scope ? `${a.import_scope}/${enc.value}` : enc.value);
  },
);

/** TF1's `tf.saved_model.signature_def_utils.build_signature_def(inputs, outputs, method_name)`. */
export const build_signature_def = tf1(
  'saved_model.signature_def_utils.build_signature_def',
  [opt('inputs', INFOS), opt('outputs', INFOS), opt('method_name', STR)] as const,
  (a): SignatureDef => create(SignatureDefSchema, { inputs: { ...(a.inputs ?? {}) }, outputs: { ...(a.outputs ?? {}) }, methodName: a.method_name ?? '' }),
);

const infos = (ts: Record<string, Tensor>): Record<string, TensorInfo> => Object.fromEntries(Object.entries(ts).map(([k, t]) => [k, build_tensor_info(t)]));

/** TF1's `tf.saved_model.signature_def_utils.predict_signature_def(inputs, outputs)`: a Predict API signature. */
export const predict_signature_def = tf1(
  'saved_model.signature_def_utils.predict_signature_def',
  [req('inputs', TENSORS), req('outputs', TENSORS)] as const,
  (a): SignatureDef => {
    if (Object.keys(a.inputs).length === 0) throw new ValueError('Prediction inputs cannot be None or empty.');
    if (Object.keys(a.outputs).length === 0) throw new ValueError('Prediction outputs cannot be None or empty.');
    return build_signature_def(infos(a.inputs), infos(a.outputs), signature_constants.PREDICT_METHOD_NAME);
  },
);

/** TF1's `_validate_tensor_info`: every TensorInfo of a signature names its tensor and has a dtype. */
export function validateTensorInfo(info: TensorInfo | undefined): void {
  if (!info) throw new AssertionError('All TensorInfo protos used in the SignatureDefs must have the name and dtype fields set.');
  if (info.encoding.case === undefined)
    throw new AssertionError(
      `All TensorInfo protos used in the SignatureDefs must have one of the 'encoding' fields (e.g., name or coo_sparse) set: ${info.dtype}`,
    );
  if (info.dtype === DataType.DT_INVALID)
    throw new AssertionError(`All TensorInfo protos used in the SignatureDefs must have the dtype field set: ${info.encoding.value}`);
}

const validInfo = (i: TensorInfo | undefined): boolean => !!i && i.encoding.case !== undefined && i.dtype !== DataType.DT_INVALID;

/** TF1's `_is_valid_predict_signature`, `_is_valid_regression_signature` and `_is_valid_classification_signature`. */
function validFor(s: SignatureDef): boolean {
  const ins = Object.entries(s.inputs);
  const outs = Object.entries(s.outputs);
  const c = signature_constants;
  switch (s.methodName) {
    case c.PREDICT_METHOD_NAME:
      return ins.length > 0 && outs.length > 0 && [...ins, ...outs].every(([, i]) => validInfo(i));
    case c.REGRESS_METHOD_NAME:
      return (
        ins.length === 1 &&
        outs.length === 1 &&
        s.inputs[c.REGRESS_INPUTS]?.dtype === DataType.DT_STRING &&
        s.outputs[c.REGRESS_OUTPUTS]?.dtype === DataType.DT_FLOAT &&
        validInfo(s.inputs[c.REGRESS_INPUTS]) &&
        validInfo(s.outputs[c.REGRESS_OUTPUTS])
      );
    case c.CLASSIFY_METHOD_NAME: {
      if (ins.length !== 1 || s.inputs[c.CLASSIFY_INPUTS]?.dtype !== DataType.DT_STRING || !validInfo(s.inputs[c.CLASSIFY_INPUTS])) return false;
      const want: Record<string, DataType> = { [c.CLASSIFY_OUTPUT_CLASSES]: DataType.DT_STRING, [c.CLASSIFY_OUTPUT_SCORES]: DataType.DT_FLOAT };
      return outs.length > 0 && outs.every(([k, i]) => want[k] !== undefined && i.dtype === want[k] && validInfo(i));
    }
    default:
      return false;
  }
}

/** TF1's `tf.saved_model.signature_def_utils.is_valid_signature(signature_def)`: a valid Predict, Regress or Classify signature. */
export const is_valid_signature = tf1(
  'saved_model.signature_def_utils.is_valid_signature',
  [
    req(
      'signature_def',
      kind<SignatureDef | null>('SignatureDef', (v) => v === null || isMessage(v, 'tensorflow.SignatureDef'), { takesObject: true }),
    ),
  ] as const,
  (a): boolean => a.signature_def !== null && validFor(a.signature_def),
);

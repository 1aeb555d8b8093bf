// TF1's python/framework/graph_util_test.py (r1.12) and tools/optimize_for_inference_test.py's
// testRemoveTrainingNodes, ported.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { HAS_PROTOC, NO_PROTOC, protocDecode } from '../helpers/protoc.js';

describe('DeviceFunctionsTest (graph_util)', () => {
  it('testExtractSubGraph: the nodes reaching the destination, in graph order, through loops and control inputs', () => {
    const def = tf.GraphDef.FromText(
      [
        'node { name: "n1" input: "n5" }',
        'node { name: "n2" input: "n1:0" }',
        'node { name: "n3" input: "^n2" }',
        'node { name: "n4" }',
        'node { name: "n5" input: "n1" }',
      ].join('\n'),
    );
    const sub = tf.graph_util.extract_sub_graph(def, ['n3']);
    expect(sub.node.map((n) => n.name)).toEqual(['n1', 'n2', 'n3', 'n5']);
  });

  it('testExtractSubGraphWithInvalidDestNodes', () => {
    const def = tf.GraphDef.FromText('node { name: "n1" }');
    expect(() => tf.graph_util.extract_sub_graph(def, 'n1' as unknown as string[])).toThrow(new tf.errors.TypeError('dest_nodes must be a list.'));
    expect(() => tf.graph_util.extract_sub_graph(def, ['n9'])).toThrow(new tf.errors.AssertionError('n9 is not in graph'));
    expect(() => tf.graph_util.extract_sub_graph('graph' as never, ['n1'])).toThrow(tf.errors.TypeError);
  });

  it('testConvertVariablesToConsts: freezing keeps what output_node needs, whitelist and blacklist as TF1', async () => {
    const g = new tf.Graph();
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const { variable, output, unused } = g.as_default(() => {
      const variable = tf.Variable(1.0, { name: 'variable_node', dtype: tf.float32 });
      const unused = tf.Variable(1.0, { name: 'unused_variable_node', dtype: tf.float32 });
      const output = tf.multiply(variable, 2.0, 'output_node');
      return { variable, output, unused };
    });
    await sess.run(variable.initializer);
    expect((await sess.run(output)).item()).toBeCloseTo(2.0, 5);
    const variableGraphDef = g.as_graph_def();
    // With the whitelist, the uninitialized unused variable is not read.
    const constant = await tf.graph_util.convert_variables_to_constants(sess, variableGraphDef, ['output_node'], new Set(['variable_node']));
    await sess.run(unused.initializer);
    const withoutWhitelist = await tf.graph_util.convert_variables_to_constants(sess, variableGraphDef, ['output_node']);
    expect(String(constant)).toBe(String(withoutWhitelist));
    const withBlacklist = await tf.graph_util.convert_variables_to_constants(sess, variableGraphDef, ['output_node'], {
      variable_names_blacklist: new Set(['variable_node']),
    });
    expect(withBlacklist.node.find((n) => n.name === 'variable_node')?.op).toBe('VariableV2');
    sess.close();

    // The frozen graph runs with no variables at all.
    const g2 = new tf.Graph();
    g2.as_default(() => tf.import_graph_def(constant, { name: '' }));
    expect(constant.node).toHaveLength(4);
    expect(constant.node.filter((n) => n.op === 'Variable' || n.op === 'VariableV2')).toEqual([]);
    const s2 = new tf.Session({ graph: g2, backend: 'cpu' });
    expect((await s2.run(g2.get_tensor_by_name('output_node:0'))).item()).toBeCloseTo(2.0, 5);
    s2.close();
    if (!HAS_PROTOC) return console.warn(NO_PROTOC);
    expect(protocDecode('tensorflow.GraphDef', constant.SerializeToString())).toContain(
      'name: "variable_node"\n  op: "Const"\n  attr {\n    key: "dtype"\n    value {\n      type: DT_FLOAT\n    }\n  }\n  attr {\n    key: "value"\n    value {\n      tensor {\n        dtype: DT_FLOAT\n        tensor_shape {\n        }\n        float_val: 1\n',
    );
  });

  it('a frozen variable of equal values keeps every element, as make_tensor_proto writes a fetched array', async () => {
    const g = new tf.Graph();
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const w = g.as_default(() => tf.Variable(tf.zeros([2, 3]), { name: 'w' }));
    const out = g.as_default(() => tf.identity(w, 'out'));
    await sess.run(w.initializer);
    const frozen = await tf.graph_util.convert_variables_to_constants(sess, g.as_graph_def(), [out.op.name]);
    const value = frozen.node.find((n) => n.name === 'w')!.attr.value!.value;
    expect(value.case === 'tensor' && value.value.tensorContent.length).toBe(24);
    sess.close();
  });
});

describe('OptimizeForInferenceTest.testRemoveTrainingNodes', () => {
  it('drops CheckNumerics, splices Identity without control inputs, keeps protected nodes', () => {
    const def = tf.GraphDef.FromText(
      [
        'node { name: "a_constant" op: "Const" }',
        'node { name: "a_check" op: "CheckNumerics" input: "a_constant" }',
        'node { name: "a_identity" op: "Identity" input: "a_constant" input: "^a_check" }',
        'node { name: "b_constant" op: "Const" }',
        'node { name: "b_check" op: "CheckNumerics" input: "b_constant" }',
        'node { name: "b_identity" op: "Identity" input: "b_constant" input: "^b_check" }',
        'node { name: "add" op: "Add" input: "a_identity" input: "b_identity" }',
      ].join('\n'),
    );
    const out = tf.graph_util.remove_training_nodes(def);
    // The identities lose their control inputs with the CheckNumerics nodes, and are then spliced out.
    expect(out.node.map((n) => [n.name, [...n.input]])).toEqual([
      ['a_constant', []],
      ['b_constant', []],
      ['add', ['a_constant', 'b_constant']],
    ]);
    const kept = tf.graph_util.remove_training_nodes(def, ['a_identity']);
    expect(kept.node.find((n) => n.name === 'add')!.input).toEqual(['a_identity', 'b_constant']);
    const cycle = tf.GraphDef.FromText(
      'node { name: "i1" op: "Identity" input: "i2" }\nnode { name: "i2" op: "Identity" input: "i1" }\nnode { name: "u" op: "Neg" input: "i1" }',
    );
    expect(() => tf.graph_util.remove_training_nodes(cycle)).toThrow(/cycle/);
  });

  it('tensor_shape_from_node_def_name', () => {
    const g = new tf.Graph();
    g.as_default(() => tf.placeholder(tf.float32, [null, 3], 'x'));
    expect(String(tf.graph_util.tensor_shape_from_node_def_name(g, 'x'))).toBe('(?, 3)');
  });
});

// TF1's tensorflow/python/framework/ops_test.py, ported for what tf1-ts has. Read from fraudies/tensorflow at
// TF 1.13.1-rc0, the nearest to r1.12 the index holds (r1.12's own file is not in it). TF1 builds many cases
// from test-only C++ ops (test_ops.float_output, ops._NodeDef, _apply_op(g, "FloatOutput", ...)); where the case
// is about the graph (names, control inputs, collections), the op is a Placeholder or an Add made the same
// way, through Graph.create_op. Cases needing what tf1-ts lacks are listed in NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllEqual, thrown } from './helpers.js';

type Op = tf.Operation;

/** `_apply_op(g, "FloatOutput", [], [dtypes.float32])`: an op with no inputs and one float output. */
const floatOutput = (g: tf.Graph, name?: string): tf.Tensor => g.create_op('Placeholder', [], { dtype: 'float32', shape: null }, name).outputs[0]!;
/** `_apply_op(g, "TwoFloatInputsFloatOutput", [x, y], [dtypes.float32])`. */
const twoFloatInputs = (g: tf.Graph, x: tf.Tensor, y: tf.Tensor): tf.Tensor => g.create_op('Add', [x, y], {}).outputs[0]!;
/** `g.create_op("A", [], [dtypes.float32])`: an op of the graph, for name_scope's values. */
const anOp = (g: tf.Graph): Op => g.create_op('NoOp', [], {});
/** Python's assertItemsEqual on ops: the same ops, any order. */
const itemsEqual = (a: readonly Op[], b: readonly Op[]): void => expect(new Set(a)).toEqual(new Set(b));

describe('TensorAndShapeTest', () => {
  it('testShape', () => {
    const t = new tf.Graph().create_op('Placeholder', [], { dtype: 'float32', shape: null }, 'myop').outputs[0]!;
    expect(t.get_shape().dims).toBeNull();
    t.set_shape([1, 2, 3]);
    expect(t.get_shape().as_list()).toEqual([1, 2, 3]);
  });

  it('testIterable', () => {
    const t = new tf.Graph().create_op('Placeholder', [], { dtype: 'float32', shape: null }, 'myop').outputs[0]!;
    expect(t).toBeInstanceOf(tf.Tensor);
    const e = thrown(() => {
      for (const _ of t as unknown as Iterable<unknown>) void _;
    });
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toMatch(/iter/);
  });

  it('testAddShape', () => {
    new tf.Graph().as_default(() => {
      const c = tf.zeros([2, 3]).add(tf.ones([1, 3]));
      expect(c.shape.as_list()).toEqual([2, 3]);
    });
  });

  it('testUnknownDim', () => {
    new tf.Graph().as_default(() => {
      const a = tf.placeholder(tf.float32, { shape: [2, null, 3] });
      const b = tf.placeholder(tf.float32, { shape: [2, null, 3] });
      expect(a.add(b).shape.as_list()).toEqual([2, null, 3]);
    });
  });

  it('testUnknownShape', () => {
    new tf.Graph().as_default(() => {
      const a = tf.placeholder(tf.float32, { shape: null });
      expect(a.add(tf.ones([1, 3])).shape.dims).toBeNull();
    });
  });

  it('testScalarShape', () => {
    new tf.Graph().as_default(() => {
      const a = tf.placeholder(tf.float32, { shape: [] });
      expect(a.add(tf.ones([])).shape.as_list()).toEqual([]);
    });
  });

  it('testShapeFunctionError', () => {
    new tf.Graph().as_default(() => {
      const a = tf.ones([1, 2, 3]);
      const b = tf.ones([4, 5, 6]);
      const e = thrown(() => a.add(b));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toMatch(/Dimensions must be equal, but are 2 and 5 for 'add' \(op: 'Add'\) with input shapes: \[1,2,3\], \[4,5,6\]./);
    });
  });
});

describe('OperationTest', () => {
  it('testInvalidNames', () => {
    const g = new tf.Graph();
    for (const name of ['', '_invalid', '-invalid', '/invalid', 'invalid:0']) {
      expect(() => g.create_op('NoOp', [], {}, name), name).toThrow(tf.errors.ValueError);
    }
  });

  it('testConvertToTensorNestedArray', async () => {
    const g = new tf.Graph();
    const values = [[2], [3], [5], [7]];
    const tensor = g.as_default(() => tf.convert_to_tensor(values));
    expect(tensor.get_shape().as_list()).toEqual([4, 1]);
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    assertAllEqual(await sess.run(tensor), values);
    sess.close();
  });

  it('testConvertToTensorNestedTuple', async () => {
    // Python's tuples ((2,), (3,), ...) are JavaScript arrays.
    const g = new tf.Graph();
    const values = [[2], [3], [5], [7]];
    const tensor = g.as_default(() => tf.convert_to_tensor(values));
    expect(tensor.get_shape().as_list()).toEqual([4, 1]);
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    assertAllEqual(await sess.run(g.as_default(() => tf.convert_to_tensor(values))), values);
    sess.close();
  });

  it('testConvertToTensorPreferred', () => {
    new tf.Graph().as_default(() => {
      expect(tf.convert_to_tensor([2, 3, 5, 7], { preferred_dtype: tf.float32 }).dtype).toBe(tf.float32);
      // Convert empty tensor to anything.
      expect(tf.convert_to_tensor([], { preferred_dtype: tf.int64 }).dtype).toBe(tf.int64);
      // The preferred dtype is a type error and will convert to float32 instead.
      expect(tf.convert_to_tensor([1.23], { preferred_dtype: tf.int64 }).dtype).toBe(tf.float32);
    });
  });

  it('testConvertToInvalidTensorType', () => {
    new tf.Graph().as_default(() => {
      // Forcing an invalid dtype should fail with a type error.
      expect(() => tf.convert_to_tensor([1.23], { dtype: tf.int64 })).toThrow(tf.errors.TypeError);
    });
  });

  it('testNoConvert', () => {
    new tf.Graph().as_default(() => {
      // Operation cannot be converted to Tensor.
      const op = tf.no_op();
      expect(() => tf.convert_to_tensor(op as never)).toThrow(/Can't convert Operation '.*' to Tensor/);
      expect(() => tf.convert_to_tensor(op as never)).toThrow(tf.errors.TypeError);
    });
  });

  it('testStr', () => {
    // str(op) is str(op.node_def): the NodeDef in protobuf text format.
    const op = new tf.Graph().create_op('NoOp', [], {}, 'op1');
    expect(String(op)).toBe('name: "op1"\nop: "NoOp"\n');
  });

  it('testInputFromDifferentGraphError', () => {
    const x = new tf.Graph().as_default(() => tf.constant(1));
    new tf.Graph().as_default(() => {
      const y = tf.constant(2);
      expect(() => y.mul(x)).toThrow(tf.errors.ValueError);
      expect(() => y.mul(x)).toThrow(/must be from the same graph/);
    });
  });

  it('testInputsAreImmutable', () => {
    // Python's _InputList has no append (AttributeError); JavaScript's frozen list refuses push with TypeError.
    const op = new tf.Graph().as_default(() => tf.identity(tf.constant(1), { name: 'myop' }).op);
    expect(() => (op.inputs as tf.Tensor[]).push(op.inputs[0]!)).toThrow(TypeError);
    expect(op.inputs).toHaveLength(1);
  });
});

describe('CreateOpTest', () => {
  it('testFinalized', () => {
    const g = new tf.Graph();
    g.finalize();
    expect(() => floatOutput(g, 'myop1')).toThrow(tf.errors.RuntimeError);
    // Test unfinalize.
    g._unsafe_unfinalize();
    expect(floatOutput(g, 'myop1').op.name).toBe('myop1');
  });
});

describe('NameStackTest', () => {
  it('testBasics', () => {
    const g = new tf.Graph();
    const un = (name: string, mark = true): string => (mark ? g.unique_name(name) : g.unique_name(name, { mark_as_used: false }));
    const pairs = (name: string, expected: string): void => {
      expect(un(name, false)).toBe(expected);
      expect(un(name)).toBe(expected);
    };
    expect(un('foo', false)).toBe('foo');
    pairs('foo', 'foo');
    pairs('foo', 'foo_1');
    pairs('foo', 'foo_2');
    pairs('foo_1', 'foo_1_1');
    pairs('foo_1', 'foo_1_2');
    pairs('foo_1_2', 'foo_1_2_1');
    g.name_scope('bar', () => {
      pairs('foo', 'bar/foo');
      pairs('foo', 'bar/foo_1');
      g.name_scope(null, () => pairs('foo', 'foo_3'));
      g.name_scope('baz', () => {
        pairs('foo', 'bar/baz/foo');
        pairs('foo', 'bar/baz/foo_1');
      });
      g.name_scope('baz', () => {
        pairs('foo', 'bar/baz_1/foo');
        pairs('foo', 'bar/baz_1/foo_1');
      });
    });
    g.name_scope('quux', () => pairs('foo', 'quux/foo'));
    g.name_scope('bar', () => g.name_scope('baz', () => pairs('foo', 'bar_1/baz/foo')));
    pairs('foo', 'foo_4');
    pairs('bar', 'bar_2');
  });

  it('testOutOfOrderUniqueName', () => {
    const g = new tf.Graph();
    expect(g.unique_name('foo_2')).toBe('foo_2');
    expect(g.unique_name('foo')).toBe('foo');
    expect(g.unique_name('foo')).toBe('foo_1');
    expect(g.unique_name('foo')).toBe('foo_3');
  });

  it('testUniqueNameCaseInsensitivity', () => {
    const g = new tf.Graph();
    expect(g.unique_name('foo')).toBe('foo');
    expect(g.unique_name('Foo')).toBe('Foo_1');
    g.name_scope('bar', () => expect(g.unique_name('foo')).toBe('bar/foo'));
    g.name_scope('Bar', () => expect(g.unique_name('foo')).toBe('Bar_1/foo'));
  });

  it('testInvalidNameRaisesError', () => {
    const g = new tf.Graph();
    g.name_scope('', () => undefined); // Should not raise
    g.name_scope('foo/', () => g.name_scope('_bar', () => undefined)); // Should not raise
    expect(() => g.name_scope('foo:0', () => undefined)).toThrow(tf.errors.ValueError);
    expect(() => g.name_scope('_bar', () => undefined)).toThrow(tf.errors.ValueError);
  });
});

describe('NameTest', () => {
  it('testGenerateName', () => {
    const g = new tf.Graph();
    // TF1's TwoFloatOutputs: an op with two outputs (BroadcastGradientArgs is tf1-ts's).
    const s = g.create_op('Const', [], { dtype: 'int32', value: new tf.NDArray(Int32Array.of(1), [1], 'int32') }, 's').outputs[0]!;
    const op0 = g.create_op('BroadcastGradientArgs', [s, s], {});
    expect(op0.name).toBe('BroadcastGradientArgs');
    expect(op0.outputs[0]!.name).toBe('BroadcastGradientArgs:0');
    expect(op0.outputs[1]!.name).toBe('BroadcastGradientArgs:1');

    const op1 = floatOutput(g).op;
    expect(op1.name).toBe('Placeholder');
    expect(op1.outputs[0]!.name).toBe('Placeholder:0');

    const op2 = floatOutput(g).op;
    expect(op2.name).toBe('Placeholder_1');
    expect(op2.outputs[0]!.name).toBe('Placeholder_1:0');

    const op3 = floatOutput(g, 'my_op').op;
    expect(op3.name).toBe('my_op');
    expect(op3.outputs[0]!.name).toBe('my_op:0');
  });

  it('testNameScope', () => {
    const g = new tf.Graph();
    g.name_scope('foo', (foo) => {
      expect(foo).toBe('foo/');
      g.name_scope('foo2', (foo2) => expect(foo2).toBe('foo/foo2/'));
      g.name_scope(null, (empty1) => {
        expect(empty1).toBe('');
        g.name_scope('foo3', (foo3) => expect(foo3).toBe('foo3/'));
      });
      g.name_scope('', (empty2) => expect(empty2).toBe(''));
    });
    const name = (n?: string): string => floatOutput(g, n).op.name;
    expect(name()).toBe('Placeholder');
    g.name_scope('bar', (scope) => {
      expect(name()).toBe('bar/Placeholder');
      expect(name()).toBe('bar/Placeholder_1');
      // If you use the value from "with .. as", that values is used as-is.
      expect(name(scope)).toBe('bar');
    });
    g.name_scope('baz', (scope) => {
      g.name_scope('quux', () => expect(name()).toBe('baz/quux/Placeholder'));
      // If you use the value from the enclosing "with .. as", nothing is pushed.
      g.name_scope(scope, () => {
        expect(name()).toBe('baz/Placeholder');
        expect(name(scope)).toBe('baz');
        expect(name('trailing/')).toBe('trailing');
      });
    });
    g.name_scope('bar', () => expect(name()).toBe('bar_1/Placeholder'));
    g.name_scope('bar/', () => expect(name()).toBe('bar/Placeholder_2'));
  });
});

class ObjectWithName {
  constructor(readonly name: string) {}
}

describe('CollectionTest', () => {
  it('test_get_collections', () => {
    const g = new tf.Graph();
    expect(g.collections).toEqual([]);
    g.add_to_collection('key', 12);
    g.add_to_collection('key', 15);
    expect(g.collections).toEqual(['key']);
    g.add_to_collection('other', 'foo');
    expect([...g.collections].sort()).toEqual(['key', 'other']);
    expect([...g.get_all_collection_keys()].sort()).toEqual(['key', 'other']);
  });

  it('test_add_to_collection', () => {
    const g = new tf.Graph();
    g.add_to_collection('key', 12);
    g.add_to_collection('other', 'foo');
    g.add_to_collection('key', 34);

    // Note that only blank1 is returned.
    g.add_to_collection('blah', 27);
    const blank1 = new ObjectWithName('prefix/foo');
    g.add_to_collection('blah', blank1);
    const blank2 = new ObjectWithName('junk/foo');
    g.add_to_collection('blah', blank2);

    expect(g.get_collection('key')).toEqual([12, 34]);
    expect(g.get_collection('nothing')).toEqual([]);
    expect(g.get_collection('blah')).toEqual([27, blank1, blank2]);
    expect(g.get_collection('blah', 'prefix')).toEqual([blank1]);
    expect(g.get_collection('blah', '.*x')).toEqual([blank1]);

    // Make sure that get_collection() returns a first-level copy of the collection, while
    // get_collection_ref() returns the original list.
    const otherSnapshot = g.get_collection('other');
    const otherRef = g.get_collection_ref('other');
    expect(otherSnapshot).toEqual(['foo']);
    expect(otherRef).toEqual(['foo']);
    g.add_to_collection('other', 'bar');
    expect(otherSnapshot).toEqual(['foo']);
    expect(otherRef).toEqual(['foo', 'bar']);
    expect(g.get_collection('other')).toEqual(['foo', 'bar']);
    expect(g.get_collection_ref('other')).toBe(otherRef);

    // Verify that getting an empty collection ref returns a modifiable list.
    const emptyRef = g.get_collection_ref('empty');
    expect(emptyRef).toEqual([]);
    const empty = g.get_collection('empty');
    expect(empty).toEqual([]);
    expect(empty).not.toBe(emptyRef);
    const emptyRef2 = g.get_collection_ref('empty');
    expect(emptyRef2).toBe(emptyRef);
    // Add to the collection.
    emptyRef.push('something');
    expect(emptyRef).toEqual(['something']);
    expect(emptyRef2).toEqual(['something']);
    expect(empty).toEqual([]);
    expect(g.get_collection('empty')).toEqual(['something']);
    expect(g.get_collection_ref('empty')).toBe(emptyRef);
  });

  it('test_add_to_collections_uniquify', () => {
    // TF1's names are the ints 1, 2, 1; collection names are strings here.
    const g = new tf.Graph();
    g.add_to_collections(['1', '2', '1'], 'key');
    // Make sure "key" is not added twice
    expect(g.get_collection('1')).toEqual(['key']);
  });

  it('test_add_to_collections_from_list', () => {
    const g = new tf.Graph();
    g.add_to_collections(['abc', '123'], 'key');
    expect(g.get_collection('abc')).toEqual(['key']);
    expect(g.get_collection('123')).toEqual(['key']);
  });

  it('test_add_to_collections_from_tuple', () => {
    // A tuple is a JavaScript array: a frozen one here.
    const g = new tf.Graph();
    g.add_to_collections(Object.freeze(['abc', '123']), 'key');
    expect(g.get_collection('abc')).toEqual(['key']);
    expect(g.get_collection('123')).toEqual(['key']);
  });

  it('test_add_to_collections_from_generator', () => {
    const g = new tf.Graph();
    function* generator(): Generator<string> {
      yield 'abc';
      yield '123';
    }
    g.add_to_collections(generator(), 'key');
    expect(g.get_collection('abc')).toEqual(['key']);
    expect(g.get_collection('123')).toEqual(['key']);
  });

  it('test_add_to_collections_from_set', () => {
    const g = new tf.Graph();
    g.add_to_collections(new Set(['abc', '123']), 'key');
    expect(g.get_collection('abc')).toEqual(['key']);
    expect(g.get_collection('123')).toEqual(['key']);
  });

  it('test_add_to_collections_from_string', () => {
    const g = new tf.Graph();
    g.add_to_collections('abc', 'key');
    expect(g.get_collection('abc')).toEqual(['key']);
  });

  it('test_default_graph', () => {
    new tf.Graph().as_default(() => {
      tf.add_to_collection('key', 90);
      tf.add_to_collection('key', 100);
      // Collections are ordered.
      expect(tf.get_collection('key')).toEqual([90, 100]);
    });
  });
});

describe('ComparisonTest', () => {
  it('testMembershipAllowed', () => {
    const g = new tf.Graph();
    const t1 = floatOutput(g, 'myop1');
    const t2 = floatOutput(g, 'myop2');
    expect(t1).toBeInstanceOf(tf.Tensor);
    expect(t2).toBeInstanceOf(tf.Tensor);
    expect([t1].includes(t1)).toBe(true);
    expect([t2].includes(t1)).toBe(false);
  });
});

describe('ControlDependenciesTest', () => {
  it('testBasic', () => {
    const g = new tf.Graph();
    const { a, c, d, e } = g.as_default(() => {
      const a = tf.constant(1.0);
      const b = tf.constant(1.0);
      return g.control_dependencies([a], () => {
        const c = tf.constant(1.0);
        const d = tf.identity(b);
        const e = tf.identity(c);
        return { a, c, d, e };
      });
    });
    expect(c.op.control_inputs).toEqual([a.op]);
    expect(d.op.control_inputs).toEqual([a.op]);
    // e should be dominated by c.
    expect(e.op.control_inputs).toEqual([]);
  });

  it('testEager', () => {
    // The graph half: TF1's eager half has no counterpart.
    let calls = 0;
    const future = (): tf.Tensor => {
      calls += 1;
      return tf.constant(2.0);
    };
    const g = new tf.Graph();
    const { a, b, c } = g.as_default(() => {
      const a = tf.constant(1.0);
      const b = future();
      const c = g.control_dependencies([a, b], () => tf.constant(3.0));
      return { a, b, c };
    });
    expect(c.op.control_inputs).toEqual([a.op, b.op]);
    expect(calls).toBe(1);
  });

  it('testBasicWithConversion', () => {
    const g = new tf.Graph();
    const a = floatOutput(g);
    const convertible = { _as_graph_element: (): tf.Tensor => a };
    const c = g.control_dependencies([convertible as never], () => floatOutput(g));
    expect(c.op.control_inputs).toEqual([a.op]);
  });

  it('testNested', () => {
    const g = new tf.Graph();
    const [a1, a2, a3, a4] = [floatOutput(g), floatOutput(g), floatOutput(g), floatOutput(g)] as const;
    const b1 = g.control_dependencies([a1, a2, a3, a4], () => floatOutput(g));
    const b2 = g.control_dependencies([a1], () =>
      g.control_dependencies([a2], () => g.control_dependencies([a3], () => g.control_dependencies([a4], () => floatOutput(g)))),
    );
    itemsEqual([a1.op, a2.op, a3.op, a4.op], b1.op.control_inputs);
    itemsEqual(b1.op.control_inputs, b2.op.control_inputs);
  });

  it('testClear', () => {
    const g = new tf.Graph();
    const [a1, a2, a3, a4] = [floatOutput(g), floatOutput(g), floatOutput(g), floatOutput(g)] as const;
    const made: Record<string, tf.Tensor> = {};
    g.control_dependencies([a1], () => {
      g.control_dependencies([a2], () => {
        g.control_dependencies(null, () => {
          g.control_dependencies([a3], () => {
            // deps [a_3, a_4]
            g.control_dependencies([a4], () => {
              made.b34 = floatOutput(g);
            });
            // deps = [a_3]
            made.b3 = floatOutput(g);
          });
          // deps back to None
          made.bNone = floatOutput(g);
        });
        // deps back to [a_1, a_2]
        made.b12 = floatOutput(g);
      });
      // deps back to [a_1]
      made.b1 = floatOutput(g);
      // deps are None again
      g.control_dependencies(null, () => {
        made.bNone2 = floatOutput(g);
      });
    });
    itemsEqual([a3.op, a4.op], made.b34!.op.control_inputs);
    itemsEqual([a3.op], made.b3!.op.control_inputs);
    itemsEqual([], made.bNone!.op.control_inputs);
    itemsEqual([a1.op, a2.op], made.b12!.op.control_inputs);
    itemsEqual([a1.op], made.b1!.op.control_inputs);
    itemsEqual([], made.bNone2!.op.control_inputs);
  });

  it('testComplex', () => {
    const g = new tf.Graph();
    // Usage pattern:
    // * Nodes a_i are constants defined at the outermost scope, and are used as control inputs for the ith nested scope.
    // * Nodes b_i are defined as Mul(a_3, a_4) at each scope.
    // * Nodes c_i are defined as Mul(a_1, b_1) at each scope.
    // * Nodes d_i are defined as Mul(b_i, c_i) at each scope.
    // * Nodes e_i are defined as Mul(e_i-1, e_i-1) at each scope i > 1.
    const [a1, a2, a3, a4] = [floatOutput(g), floatOutput(g), floatOutput(g), floatOutput(g)] as const;
    const m = (x: tf.Tensor, y: tf.Tensor): tf.Tensor => twoFloatInputs(g, x, y);
    const b: tf.Tensor[] = [];
    const c: tf.Tensor[] = [];
    const d: tf.Tensor[] = [];
    const e: tf.Tensor[] = [];
    g.control_dependencies([a1], () => {
      b[1] = m(a3, a4);
      c[1] = m(a1, b[1]);
      d[1] = m(b[1], c[1]);
      e[1] = floatOutput(g);
      g.control_dependencies([a2], () => {
        b[2] = m(a3, a4);
        c[2] = m(a1, b[1]!);
        d[2] = m(b[2], c[2]);
        e[2] = m(e[1]!, e[1]!);
        g.control_dependencies([a3], () => {
          b[3] = m(a3, a4);
          c[3] = m(a1, b[1]!);
          d[3] = m(b[3], c[3]);
          e[3] = m(e[2]!, e[2]!);
          g.control_dependencies([a4], () => {
            b[4] = m(a3, a4);
            c[4] = m(a1, b[1]!);
            d[4] = m(b[4], c[4]);
            e[4] = m(e[3]!, e[3]!);
          });
        });
      });
    });
    const ci = (t: tf.Tensor | undefined): Op[] => t!.op.control_inputs;
    itemsEqual([a1.op], ci(b[1]));
    itemsEqual([a1.op, a2.op], ci(b[2]));
    itemsEqual([a1.op, a2.op], ci(b[3]));
    itemsEqual([a1.op, a2.op], ci(b[4]));

    itemsEqual([], ci(c[1]));
    itemsEqual([a2.op], ci(c[2]));
    itemsEqual([a2.op, a3.op], ci(c[3]));
    itemsEqual([a2.op, a3.op, a4.op], ci(c[4]));

    for (const i of [1, 2, 3, 4]) itemsEqual([], ci(d[i]));

    itemsEqual([a1.op], ci(e[1]));
    itemsEqual([a2.op], ci(e[2]));
    itemsEqual([a3.op], ci(e[3]));
    itemsEqual([a4.op], ci(e[4]));
  });

  it('testRepeatedDependency', () => {
    // TF1's TwoFloatOutputs: BroadcastGradientArgs has two outputs.
    const g = new tf.Graph();
    const s = g.create_op('Const', [], { dtype: 'int32', value: new tf.NDArray(Int32Array.of(1), [1], 'int32') }).outputs[0]!;
    const a = g.create_op('BroadcastGradientArgs', [s, s], {});
    const [a0, a1] = a.outputs as [tf.Tensor, tf.Tensor];
    const [b, c] = g.control_dependencies([a0], () => [floatOutput(g), g.control_dependencies([a1], () => floatOutput(g))]);
    expect(b.op.control_inputs).toEqual([a]);
    expect(c.op.control_inputs).toEqual([a]);
  });

  it('testNoControlDependencyWithDataDependency', () => {
    const g = new tf.Graph();
    const a = floatOutput(g);
    const b = g.control_dependencies([a], () => g.create_op('Identity', [a], {}).outputs[0]!);
    expect(b.op.control_inputs).toEqual([]);
  });
});

describe('OpScopeTest', () => {
  it('testNames', () => {
    new tf.Graph().as_default(() => {
      tf.name_scope('foo', (foo) => {
        expect(foo).toBe('foo/');
        tf.name_scope('foo2', (foo2) => expect(foo2).toBe('foo/foo2/'));
        tf.name_scope(null, (empty1) => {
          expect(empty1).toBe('');
          tf.name_scope('foo3', (foo3) => expect(foo3).toBe('foo3/'));
        });
        tf.name_scope('', (empty2) => expect(empty2).toBe(''));
      });
      tf.name_scope('foo/', (outerFoo) => {
        expect(outerFoo).toBe('foo/');
        tf.name_scope('', (empty3) => expect(empty3).toBe(''));
        tf.name_scope('foo4', (foo4) => expect(foo4).toBe('foo/foo4/'));
        tf.name_scope('foo5//', (foo5) => {
          expect(foo5).toBe('foo5//');
          tf.name_scope('foo6', (foo6) => expect(foo6).toBe('foo5//foo6/'));
        });
        tf.name_scope('/', (foo7) => expect(foo7).toBe('/'));
        tf.name_scope('//', (foo8) => expect(foo8).toBe('//'));
        tf.name_scope('a//b/c', (foo9) => expect(foo9).toBe('foo/a//b/c/'));
      });
      tf.name_scope('a//b/c', (foo10) => expect(foo10).toBe('a//b/c/'));
    });
  });

  it('testEagerDefaultScopeName', () => {
    // The graph half of TF1's run_in_graph_and_eager_modes.
    new tf.Graph().as_default(() => {
      tf.name_scope(null, 'default', (scope) => {
        expect(scope).toBe('default/');
        tf.name_scope(null, 'default2', (scope2) => expect(scope2).toBe('default/default2/'));
      });
    });
  });

  it('testNoScopeName', () => {
    const g0 = new tf.Graph();
    const values = [anOp(g0), anOp(g0)];
    expect(() => tf.name_scope(null, { values }, () => undefined)).toThrow(tf.errors.ValueError);
    expect(() => tf.name_scope(null, null, values, () => undefined)).toThrow(tf.errors.ValueError);
  });

  it('testEmptyScopeName', () => {
    const g0 = new tf.Graph();
    const a = anOp(g0);
    const b = anOp(g0);
    tf.name_scope('', { values: [a, b] }, (scope) => {
      expect(scope).toBe('');
      expect(tf.get_default_graph()).toBe(g0);
    });
    tf.name_scope('', 'my_default_scope', [a, b], (scope) => {
      expect(scope).toBe('');
      expect(tf.get_default_graph()).toBe(g0);
    });
  });

  it('testDefaultScopeName', () => {
    const g0 = new tf.Graph();
    const a = anOp(g0);
    const b = anOp(g0);
    tf.name_scope('my_scope', 'my_default_scope', [a, b], (scope) => {
      expect(scope).toBe('my_scope/');
      expect(tf.get_default_graph()).toBe(g0);
    });
    tf.name_scope(null, 'my_default_scope', [a, b], (scope) => {
      expect(scope).toBe('my_default_scope/');
      expect(tf.get_default_graph()).toBe(g0);
    });
    expect(() => tf.name_scope('my_scope', [a, b] as never, () => undefined)).toThrow(tf.errors.TypeError);
  });

  const testGraphElements = (elements: readonly { graph: tf.Graph }[]): void => {
    tf.name_scope('my_scope', { values: elements }, (scope) => {
      expect(scope).toBe('my_scope/');
      expect(tf.get_default_graph()).toBe(elements[0]!.graph);
    });
    const a = anOp(new tf.Graph());
    expect(() => tf.name_scope('my_scope', { values: [...elements, a] }, () => undefined)).toThrow(tf.errors.ValueError);
  };

  it('testTensor', () => {
    const g0 = new tf.Graph();
    testGraphElements([anOp(g0), anOp(g0)]);
  });

  it('testVariable', () => {
    const g0 = new tf.Graph();
    const variable = g0.as_default(() => tf.Variable(tf.constant([1.0], tf.float32)));
    testGraphElements([anOp(g0), variable, anOp(g0)]);
  });
});

describe('GraphTest', () => {
  // setUp: ops.reset_default_graph()
  const setUp = (): void => tf.reset_default_graph();

  it('testResetDefaultGraphNesting', () => {
    setUp();
    const g0 = new tf.Graph();
    expect(() => g0.as_default(() => tf.reset_default_graph())).toThrow(tf.errors.AssertionError);
  });

  it('testGraphContextManager', () => {
    setUp();
    const g0 = new tf.Graph();
    g0.as_default((g1) => expect(g1).toBe(g0));
  });

  it('testDefaultGraph', () => {
    // TF1 also asserts ops.has_default_graph(), a private function tf1-ts has no counterpart of.
    setUp();
    const orig = tf.get_default_graph();
    expect(tf.get_default_graph()).toBe(orig);
    const g0 = new tf.Graph();
    expect(tf.get_default_graph()).toBe(orig);
    g0.as_default(() => {
      expect(tf.get_default_graph()).toBe(g0);
      new tf.Graph().as_default((g1) => expect(tf.get_default_graph()).toBe(g1));
      expect(tf.get_default_graph()).toBe(g0);
    });
    expect(tf.get_default_graph()).toBe(orig);
  });

  it('testPreventFeeding', () => {
    setUp();
    const g = new tf.Graph();
    const a = tf.constant(2.0);
    expect(g.is_feedable(a)).toBe(true);
    g.prevent_feeding(a);
    expect(g.is_feedable(a)).toBe(false);
  });

  it('testPreventFetching', () => {
    setUp();
    const g = new tf.Graph();
    const a = tf.constant(2.0);
    expect(g.is_fetchable(a)).toBe(true);
    g.prevent_fetching(a.op);
    expect(g.is_fetchable(a)).toBe(false);
  });

  it('testAsGraphElementConversions', () => {
    setUp();
    const convertible = { _as_graph_element: (): string => 'Placeholder:0' };
    const nonConvertible = {};
    const g = new tf.Graph();
    const a = floatOutput(g);
    expect(g.as_graph_element(convertible)).toBe(a);
    expect(() => g.as_graph_element(nonConvertible)).toThrow(tf.errors.TypeError);
  });

  it('testRunnableAfterInvalidShape', async () => {
    setUp();
    const g = new tf.Graph();
    const a = g.as_default(() => {
      expect(() => tf.add([1, 2], [1, 2, 3])).toThrow(tf.errors.ValueError);
      return tf.constant(1);
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    assertAllEqual(await sess.run(a), 1);
    sess.close();
  });
});

describe('NameScopeTest', () => {
  it('testGetNameScope', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      tf.name_scope('scope1', () => {
        tf.name_scope('scope2', () => {
          tf.name_scope('scope3', () => expect(g.get_name_scope()).toBe('scope1/scope2/scope3'));
          expect(g.get_name_scope()).toBe('scope1/scope2');
        });
        expect(g.get_name_scope()).toBe('scope1');
      });
      expect(g.get_name_scope()).toBe('');
    });
  });

  it('testTwoGraphs', () => {
    const f = (): void => {
      const g1 = new tf.Graph();
      const g2 = new tf.Graph();
      g1.as_default(() => g2.as_default(() => tf.name_scope('_', () => undefined)));
    };
    expect(f).toThrow(tf.errors.ValueError);
    expect(f).toThrow("'_' is not a valid scope name");
  });
});

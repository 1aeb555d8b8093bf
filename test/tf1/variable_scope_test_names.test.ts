// TF1's tensorflow/python/kernel_tests/variable_scope_test.py, VariableScopeTest's remaining graph-mode cases
// (auxiliary name scopes, local variables, collections, signatures), ported; see variable_scope_test.test.ts.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { signatureOf } from '../../src/framework/args.js';
import { inGraph, thrown } from './helpers.js';

const vs = tf.variable_scope;
const get = tf.get_variable;
const constName = (name: string): string => tf.constant([], { name }).name;
const names = (vars: readonly tf.RefVariable[]): string[] => vars.map((v) => v.name);

describe('VariableScopeTest', () => {
  it('testBasicWhenAuxiliaryNameScopeIsFalse', () => {
    inGraph(() => {
      const scope = vs('scope', { auxiliary_name_scope: false }, (scope) => {
        expect(scope.original_name_scope).toBe('');
        expect(get('w', []).name).toBe('scope/w:0');
        expect(constName('c')).toBe('c:0');
        return scope;
      });
      vs(scope, { auxiliary_name_scope: false }, () => {
        expect(scope.original_name_scope).toBe('');
        expect(get('w1', []).name).toBe('scope/w1:0');
        expect(constName('c1')).toBe('c1:0');
      });
      // Recheck: new name scope is NOT created before
      tf.name_scope('scope', () => expect(constName('c')).toBe('scope/c:0'));
      vs('outer', () => {
        const inner = vs('inner', { auxiliary_name_scope: false }, (inner) => {
          expect(inner.original_name_scope).toBe('outer/');
          expect(get('w', []).name).toBe('outer/inner/w:0');
          expect(constName('c')).toBe('outer/c:0');
          return inner;
        });
        vs(inner, { auxiliary_name_scope: false }, (inner1) => {
          expect(inner1.original_name_scope).toBe('outer/');
          expect(get('w1', []).name).toBe('outer/inner/w1:0');
          expect(constName('c1')).toBe('outer/c1:0');
        });
        // Recheck: new name scope is NOT created before
        tf.name_scope('inner', () => expect(constName('c')).toBe('outer/inner/c:0'));
      });
    });
  });

  it('testCreatedByDefaultNameWhenAuxiliaryNameScopeIsFalse', () => {
    inGraph(() => {
      vs(null, { default_name: 'default', auxiliary_name_scope: false }, (scope) => {
        expect(scope.original_name_scope).toBe('');
        expect(get('w', []).name).toBe('default/w:0');
        expect(constName('c')).toBe('c:0');
      });
      // Recheck: new name scope is NOT created before
      tf.name_scope('default', () => expect(constName('c')).toBe('default/c:0'));
      vs('outer', () => {
        vs(null, { default_name: 'default', auxiliary_name_scope: false }, (inner) => {
          expect(inner.original_name_scope).toBe('outer/');
          expect(get('w', []).name).toBe('outer/default/w:0');
          expect(constName('c')).toBe('outer/c:0');
        });
        tf.name_scope('default', () => expect(constName('c')).toBe('outer/default/c:0'));
      });
    });
  });

  it('testReenterRootScopeWhenAuxiliaryNameScopeIsFalse', () => {
    inGraph(() => {
      const root = tf.get_variable_scope();
      vs(root, { auxiliary_name_scope: false }, (scope) => {
        expect(scope.original_name_scope).toBe('');
        expect(get('w', []).name).toBe('w:0');
        expect(constName('c')).toBe('c:0');
      });
      vs('outer', () =>
        vs(root, { auxiliary_name_scope: false }, (inner) => {
          expect(inner.original_name_scope).toBe('');
          expect(get('w1', []).name).toBe('w1:0');
          expect(constName('c1')).toBe('outer/c1:0');
        }),
      );
    });
  });

  it('testAuxiliaryNameScopeIsInvalid', () => {
    inGraph(() => {
      const invalid = (f: () => unknown): void => {
        const e = thrown(f);
        expect(e).toBeInstanceOf(tf.errors.TypeError);
        expect(e.message).toMatch(/auxiliary_name_scope/);
      };
      invalid(() => vs(null, { default_name: 'scope', auxiliary_name_scope: 'invalid' as never }, () => undefined));
      invalid(() => vs('scope', { auxiliary_name_scope: 'invalid' as never }, () => undefined));
      const scope = vs('scope', (s) => s);
      invalid(() => vs(scope, { auxiliary_name_scope: 'invalid' as never }, () => undefined));
    });
  });

  it('testReuseScopeWithoutNameScopeCollision', () => {
    // Github issue: #13429
    inGraph(() => {
      const inner = vs('outer', () => vs('inner', (i) => i));
      vs(inner, { auxiliary_name_scope: false }, (scope) => {
        tf.name_scope(scope.original_name_scope, () => {
          expect(get('w', []).name).toBe('outer/inner/w:0');
          expect(constName('c')).toBe('outer/inner/c:0');
        });
        tf.name_scope('inner', () => expect(constName('c')).toBe('inner/c:0'));
      });
      vs('another', () =>
        vs(inner, { auxiliary_name_scope: false }, (scope1) => {
          tf.name_scope(scope1.original_name_scope, () => {
            expect(get('w1', []).name).toBe('outer/inner/w1:0');
            expect(constName('c1')).toBe('outer/inner/c1:0');
          });
          tf.name_scope('inner', () => expect(constName('c')).toBe('another/inner/c:0'));
        }),
      );
    });
  });

  it('testGetLocalVar', () => {
    inGraph((g) => {
      // Check that local variable respects naming.
      const outer = vs('outer', (o) => o);
      const local = vs(outer, 'default', [], () => tf.get_local_variable('w', [], { collections: ['foo'] }));
      expect(local.name).toBe('outer/w:0');
      // Since variable is local, it should be in the local variable collection but not the trainable collection.
      expect(g.get_collection(tf.GraphKeys.LOCAL_VARIABLES)).toContain(local);
      expect(g.get_collection('foo')).toContain(local);
      expect(g.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES)).not.toContain(local);
      // Check that local variable respects `reuse`.
      expect(vs(outer, 'default', { reuse: true }, () => tf.get_local_variable('w', []).name)).toBe('outer/w:0');
    });
  });

  it('testSignatureGetVarVsGetLocalVar', () => {
    // get_{local,}variable() must take the same list of args.
    const params = (f: unknown): string[] => signatureOf(f)!.params.map((p) => p.name);
    expect(params(tf.get_local_variable)).toEqual(params(tf.get_variable));
  });

  it('testGetCollection', () => {
    inGraph(() => {
      get('testGetCollection_a', []);
      get('testGetCollection_b', [], { trainable: false });
      for (const scopeName of ['testGetCollection_foo_', 'testGetCollection_foo']) {
        vs(scopeName, (scope) => {
          get('testGetCollection_a', []);
          get('testGetCollection_b', [], { trainable: false });
          expect(names(scope.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES))).toEqual([`${scopeName}/testGetCollection_a:0`]);
          expect(names(scope.get_collection(tf.GraphKeys.GLOBAL_VARIABLES))).toEqual([
            `${scopeName}/testGetCollection_a:0`,
            `${scopeName}/testGetCollection_b:0`,
          ]);
        });
      }
      const scope = tf.get_variable_scope();
      expect(names(scope.get_collection(tf.GraphKeys.GLOBAL_VARIABLES))).toEqual([
        'testGetCollection_a:0',
        'testGetCollection_b:0',
        'testGetCollection_foo_/testGetCollection_a:0',
        'testGetCollection_foo_/testGetCollection_b:0',
        'testGetCollection_foo/testGetCollection_a:0',
        'testGetCollection_foo/testGetCollection_b:0',
      ]);
      expect(names(scope.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES))).toEqual([
        'testGetCollection_a:0',
        'testGetCollection_foo_/testGetCollection_a:0',
        'testGetCollection_foo/testGetCollection_a:0',
      ]);
    });
  });

  it('testGetGlobalVariables', () => {
    inGraph(() => {
      get('testGetGlobalVariables_a', []);
      vs('testGetGlobalVariables_foo', (scope) => {
        get('testGetGlobalVariables_b', []);
        expect(names(scope.global_variables())).toEqual(['testGetGlobalVariables_foo/testGetGlobalVariables_b:0']);
      });
    });
  });

  it('testGetLocalVariables', () => {
    inGraph(() => {
      get('a', [], { collections: [tf.GraphKeys.LOCAL_VARIABLES] });
      vs('foo', (scope) => {
        get('b', [], { collections: [tf.GraphKeys.LOCAL_VARIABLES] });
        get('c', []);
        expect(names(scope.local_variables())).toEqual(['foo/b:0']);
      });
    });
  });

  it('testGetVariableWithRefDtype', () => {
    inGraph(() => {
      const v = get('v', { shape: [3, 4], dtype: tf.float32 });
      // Ensure it is possible to do get_variable with a _ref dtype passed in.
      expect(get('w', { shape: [5, 6], dtype: v.dtype }).dtype).toBe('float32');
    });
  });

  it('testTwoGraphs', () => {
    const g1 = new tf.Graph();
    const g2 = new tf.Graph();
    const e = thrown(() => g1.as_default(() => g2.as_default(() => vs('_', () => undefined))));
    expect(e).toBeInstanceOf(tf.errors.ValueError);
    expect(e.message).toMatch(/'_' is not a valid scope name/);
  });
});

describe("get_variable's messages and defaults (TF1 r1.12's variable_scope.py)", () => {
  it('says which variable exists or does not, as TF1', () => {
    inGraph(() => {
      vs('scope', () => get('W', [2]));
      expect(thrown(() => vs('scope', () => get('W', [2]))).message).toMatch(
        /^Variable scope\/W already exists, disallowed\. Did you mean to set reuse=True or reuse=tf\.AUTO_REUSE in VarScope\? Originally defined at:\n\n/,
      );
      expect(thrown(() => vs('scope', { reuse: true }, () => get('V', [2]))).message).toBe(
        'Variable scope/V does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in VarScope?',
      );
      expect(thrown(() => vs('scope', { reuse: true }, () => get('W', [3]))).message).toBe(
        'Trying to share variable scope/W, but specified shape (3,) and found shape (2,).',
      );
      expect(thrown(() => vs('scope', { reuse: true }, () => get('W', [2], tf.int32))).message).toBe(
        'Trying to share variable scope/W, but specified dtype int32 and found dtype float32_ref.',
      );
      expect(thrown(() => get('x')).message).toBe('as_list() is not defined on an unknown TensorShape.');
    });
  });

  it('initializes floats with glorot_uniform and the rest with zeros, under name/Initializer', () => {
    inGraph((g) => {
      vs('scope', () => {
        get('W', [2, 3]);
        get('n', [2], tf.int32);
      });
      const ops = g.get_operations().map((o) => `${o.name}:${o.type}`);
      expect(ops).toContain('scope/W/Initializer/random_uniform:Add');
      expect(ops).toContain('scope/W/Initializer/random_uniform/RandomUniform:RandomUniform');
      expect(ops).toContain('scope/W:VariableV2');
      expect(ops).toContain('scope/n/Initializer/zeros:Const');
      // glorot_uniform's limit for (2, 3): sqrt(3 / ((2 + 3) / 2)).
      const max = g.get_operation_by_name('scope/W/Initializer/random_uniform/max');
      expect((max.attrs as { value: tf.NDArray }).value.data[0]).toBeCloseTo(Math.sqrt(6 / 5), 6);
    });
  });
});

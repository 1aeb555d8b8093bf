// TF1's tensorflow/python/kernel_tests/variable_scope_test.py, VariableScopeTest's graph-mode cases, ported
// (source read: r1.15, microsoft/tensorflow-directml; the cases below are r1.12's). Python's `with` blocks are
// callbacks; JavaScript has no float literal, so TF1's `0.1` constants are given float32. Cases that need what
// tf1-ts lacks (devices, constraints, resource and partitioned variables, custom getters, cond, threads,
// float16 and string dtypes) are listed in NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, assertAllEqual, inGraph, inSession, rejected, thrown } from './helpers.js';

const vs = tf.variable_scope;
const get = tf.get_variable;
const nameScope = (name: string): string => tf.name_scope(name, (sc) => sc);

describe('VariableScopeTest', () => {
  it('testGetVar', () => {
    inGraph(() =>
      vs(tf.get_variable_scope(), { reuse: tf.AUTO_REUSE }, () => {
        const v = get('v', [1]);
        expect(get('v', [1])).toBe(v);
      }),
    );
  });

  it('testNameExists', () => {
    // TF1 calls the private store with reuse=None/False/True; here the same three modes come from the scope.
    inGraph(() => {
      vs(tf.get_variable_scope(), { reuse: tf.AUTO_REUSE }, () => expect(get('v', [1])).toBe(get('v', [1])));
      get('w', [1]);
      expect(thrown(() => get('v', [1]))).toBeInstanceOf(tf.errors.ValueError);
      vs(tf.get_variable_scope(), { reuse: true }, () => {
        get('v', [1]);
        expect(thrown(() => get('u', [1]))).toBeInstanceOf(tf.errors.ValueError);
      });
    });
  });

  it('testNamelessStore', () => {
    inGraph(() => {
      get('v1', [2]);
      get('v2', [2]);
      expect(tf.global_variables().map((v) => v.name)).toEqual(['v1:0', 'v2:0']);
    });
  });

  it('testVarScopeInitializer', async () => {
    await inSession(async (g, sess) => {
      const init = tf.constant_initializer(0.3);
      const [v, w] = g.as_default(() =>
        vs('tower0', (tower) => [vs('foo', { initializer: init }, () => get('v', [])), vs(tower, { initializer: init }, () => get('w', []))]),
      );
      await sess.run(g.as_default(() => tf.variables_initializer([v!, w!])));
      assertAllClose(await sess.run(v!.value()), 0.3);
      assertAllClose(await sess.run(w!.value()), 0.3);
    });
  });

  it('testVarScopeDType', () => {
    // TF1 uses float16, which tf1-ts lacks: float64 checks the same inheritance.
    inGraph(() =>
      vs('tower2', (tower) => {
        expect(vs('foo', { dtype: tf.float64 }, () => get('v', [])).dtype).toBe('float64');
        expect(vs(tower, { dtype: tf.float64 }, () => get('w', [])).dtype).toBe('float64');
      }),
    );
  });

  it('testInitFromNonTensorValue', async () => {
    await inSession(async (g, sess) => {
      const [v, w] = g.as_default(() => [get('v4', { initializer: 4, dtype: tf.int32 }), get('w4', { initializer: [1, 2, 3], dtype: tf.int64 })]);
      await sess.run(g.as_default(() => tf.variables_initializer([v!, w!])));
      assertAllClose(await sess.run(v!.value()), 4);
      assertAllClose(await sess.run(w!.value()), [1, 2, 3]);
      expect(w!.dtype).toBe('int64');
      // Graph mode's TypeError for a dict.
      expect(thrown(() => g.as_default(() => get('x4', { initializer: {} as never })))).toBeInstanceOf(tf.errors.TypeError);
    });
  });

  it('testInitFromNonInitializer', async () => {
    await inSession(async (g, sess) => {
      // Test various dtypes with zeros initializer as following:
      const types = ['int8', 'uint8', 'int16', 'uint16', 'int32', 'int64', 'bool'] as const;
      // Use different variable_name to distinguish various dtypes
      for (const [i, dtype] of types.entries()) {
        const [x, y] = g.as_default(() => [
          get(`xx${i}`, { shape: [3, 4], dtype }),
          get(`yy${i}`, { shape: [3, 4], dtype, initializer: tf.zeros_initializer({ dtype }) }),
        ]);
        await sess.run(g.as_default(() => tf.global_variables_initializer()));
        assertAllEqual(await sess.run(x!.value()), await sess.run(y!.value()));
      }
    });
  });

  it('testVarScopeRegularizer', async () => {
    await inSession(async (g, sess) => {
      const init = tf.constant_initializer(0.3);
      const regularizer1 = (v: tf.RefVariable): tf.Tensor => tf.add(tf.reduce_mean(v), 0.1);
      const regularizer2 = (v: tf.RefVariable): tf.Tensor => tf.add(tf.reduce_mean(v), 0.2);
      const losses = (): tf.Tensor[] => g.get_collection<tf.Tensor>(tf.GraphKeys.REGULARIZATION_LOSSES);
      await g.as_default(() =>
        vs('tower3', { regularizer: regularizer1 }, async (tower) => {
          const v = vs('foo', { initializer: init }, () => get('v', []));
          expect(losses().length).toBe(1);
          const vars = vs(tower, { initializer: init }, (scope) => {
            const u = get('u', []);
            scope.set_regularizer(regularizer2);
            const w = get('w', []);
            // Next 3 variable not regularized to test disabling regularization.
            const x = get('x', [], { regularizer: tf.no_regularizer });
            const y = vs('baz', { regularizer: tf.no_regularizer }, () => get('y', []));
            scope.set_regularizer(tf.no_regularizer);
            const z = get('z', []);
            return [u, w, x, y, z];
          });
          expect(losses().length).toBe(3);
          vs('foo', { reuse: true }, () => get('v', [])); // "v" is already there, reused
          expect(losses().length).toBe(3); // No new loss added.
          await sess.run(tf.variables_initializer([v, ...vars]));
          const [l0, l1, l2] = losses();
          assertAllClose(await sess.run(l0!), 0.4);
          assertAllClose(await sess.run(l1!), 0.4);
          assertAllClose(await sess.run(l2!), 0.5);
        }),
      );
    });
  });

  it('testInitializeFromValue', async () => {
    await inSession(async (g, sess) => {
      await g.as_default(async () => {
        let init = tf.constant(0.1, tf.float32);
        const w = get('v', { initializer: init });
        await sess.run(tf.variables_initializer([w]));
        assertAllClose(await sess.run(w.value()), 0.1);
        // We disallow explicit shape specification when initializer is constant.
        expect(thrown(() => get('u', [1], { initializer: init })).message).toMatch(/shape/);
        // Constant initializer can be passed through scopes if needed.
        const v = vs('foo', { initializer: init }, () => get('v'));
        await sess.run(tf.variables_initializer([v]));
        assertAllClose(await sess.run(v.value()), 0.1);
        // Check that non-float32 initializer creates a non-float32 variable.
        init = tf.constant(1, tf.int32);
        expect(get('t', { initializer: init }).dtype).toBe('int32');
        // Raise error if `initializer` dtype and `dtype` are not identical.
        const e = thrown(() => get('s', { initializer: init, dtype: tf.float64 }));
        expect(e).toBeInstanceOf(tf.errors.ValueError);
        expect(e.message).toMatch(/don't match/);
      });
    });
  });

  it('testControlDeps', async () => {
    await inSession(async (g, sess) => {
      const { v0, v1, add } = g.as_default(() => {
        const v0 = get('v0', [1], { initializer: tf.constant_initializer(0) });
        return tf.control_dependencies([v0.value()], () => {
          const v1 = get('v1', [1], { initializer: tf.constant_initializer(1) });
          return { v0, v1, add: v1.add(v0) };
        });
      });
      // v0 should be uninitialized.
      expect((await rejected(sess.run(v0.value()))).message).toMatch(/uninitialized/);
      // We should be able to initialize and run v1 without initializing v0, even if the variable was created with a control dep on v0.
      await sess.run(v1.initializer);
      assertAllEqual(await sess.run(v1.value()), [1]);
      expect((await rejected(sess.run(v0.value()))).message).toMatch(/uninitialized/);
      expect((await rejected(sess.run(add))).message).toMatch(/uninitialized/);
      // If we initialize v0 we should be able to run 'add'.
      await sess.run(v0.initializer);
      await sess.run(add);
    });
  });

  it('testGetVariableScope', async () => {
    await inSession(async (g, sess) => {
      const init = tf.constant_initializer(0.3);
      await g.as_default(() =>
        vs('bar', async () => {
          expect(tf.get_variable_scope().initializer).toBe(null);
          // Check that we can set initializer like this.
          tf.get_variable_scope().set_initializer(init);
          const v = get('v', []);
          await sess.run(tf.variables_initializer([v]));
          assertAllClose(await sess.run(v.value()), 0.3);
        }),
      );
      g.as_default(() =>
        vs('bar2', () => {
          // Check that we can set reuse.
          tf.get_variable_scope().reuse_variables();
          expect(thrown(() => get('w', [1]))).toBeInstanceOf(tf.errors.ValueError); // Fail, w does not exist yet.
        }),
      );
      // Check that the set initializer goes away.
      expect(g.as_default(() => tf.get_variable_scope().initializer)).toBe(null);
    });
  });

  it('testVarScope', () => {
    inGraph(() => {
      const tower = vs('tower4', (tower) => {
        expect(tower.name).toBe('tower4');
        expect(nameScope('scope')).toBe('tower4/scope/');
        return tower;
      });
      vs('tower5', () =>
        vs('bar', (bar) => {
          expect(bar.name).toBe('tower5/bar');
          expect(nameScope('scope')).toBe('tower5/bar/scope/');
        }),
      );
      vs('tower6', () =>
        vs(tower, { reuse: true }, (shared) => {
          expect(shared.name).toBe('tower4');
          expect(nameScope('scope')).toBe('tower6/tower4/scope/');
        }),
      );
    });
  });

  it('testVarScopeNameScope', () => {
    inGraph(() => {
      const tower = tf.name_scope('testVarScopeNameScope1', () => {
        const t = vs('tower', (t) => {
          expect(nameScope('scope2')).toBe('testVarScopeNameScope1/tower/scope2/');
          return t;
        });
        // Re-entering acts like another "tower".
        vs(t, () => expect(nameScope('scope2')).toBe('testVarScopeNameScope1/tower_1/scope2/'));
        // Re-entering by string acts the same.
        vs('tower', () => expect(nameScope('scope2')).toBe('testVarScopeNameScope1/tower_2/scope2/'));
        return t;
      });
      tf.name_scope('testVarScopeNameScope2', () => {
        vs('tower', () => expect(nameScope('scope2')).toBe('testVarScopeNameScope2/tower/scope2/'));
        vs(tower, () => expect(nameScope('scope2')).toBe('testVarScopeNameScope2/tower_1/scope2/'));
      });
      const root = tf.get_variable_scope();
      tf.name_scope('testVarScopeNameScope3', () => vs(root, () => expect(nameScope('scope2')).toBe('testVarScopeNameScope3/scope2/')));
    });
  });

  it('testVarScopeOriginalNameScope', () => {
    inGraph(() => {
      const tower = tf.name_scope('scope1', () =>
        vs('tower', (t) => {
          expect(t.original_name_scope).toBe('scope1/tower/');
          expect(nameScope('scope2')).toBe('scope1/tower/scope2/');
          return t;
        }),
      );
      tf.name_scope('scope2', () => {
        vs(tower, (tower1) => {
          // Re-entering preserves original name scope.
          expect(tower1.original_name_scope).toBe('scope1/tower/');
          expect(nameScope('foo')).toBe('scope2/tower/foo/');
        });
        // Test re-entering original name scope.
        tf.name_scope(tower.original_name_scope, () => expect(nameScope('bar')).toBe('scope1/tower/bar/'));
      });
      tf.name_scope('scope2', () => vs(tower, () => tf.name_scope(tower.original_name_scope, () => expect(nameScope('bar')).toBe('scope1/tower/bar_1/'))));
    });
  });

  it('testVarScopeObjectReuse', () => {
    inGraph(() => {
      let scope = vs('jump', { reuse: true }, (s) => s);
      expect(vs(scope, (j) => j.reuse)).toBe(true);
      expect(vs(scope, { reuse: true }, (j) => j.reuse)).toBe(true);
      expect(vs(scope, { reuse: false }, (j) => j.reuse)).toBe(true); // Inherited, cannot be undone.
      scope = vs('jump', { reuse: false }, (s) => s);
      expect(vs(scope, (j) => j.reuse)).toBe(false);
      expect(vs(scope, { reuse: true }, (j) => j.reuse)).toBe(true);
      expect(vs(scope, { reuse: false }, (j) => j.reuse)).toBe(false);
    });
  });

  it('testVarScopeGetOrCreateReuse', async () => {
    await inSession(async (g, sess) => {
      const testValue = async (value: number): Promise<void> => {
        const x = g.as_default(() => {
          const x = tf.constant(value, tf.float32);
          vs('testVarScopeGetOrCreateReuse_bar', { reuse: tf.AUTO_REUSE }, () => tf.assign(get('var', []), x));
          vs('testVarScopeGetOrCreateReuse_bar', { reuse: tf.AUTO_REUSE }, () => get('var', []));
          return x;
        });
        assertAllEqual(await sess.run(x), value);
      };
      await testValue(42); // Variable is created.
      await testValue(13); // Variable is reused hereafter.
      await testValue(17);
      expect(g.as_default(() => tf.global_variables().map((v) => v.name))).toEqual(['testVarScopeGetOrCreateReuse_bar/var:0']);
    });
  });

  it('testVarOpScope', () => {
    inGraph(() => {
      tf.name_scope('testVarOpScope1', () => {
        vs('tower', 'default', [], () => {
          expect(get('w', []).name).toBe('tower/w:0');
          expect(nameScope('testVarOpScope2')).toBe('testVarOpScope1/tower/testVarOpScope2/');
        });
        vs('tower', 'default', [], () => {
          expect(thrown(() => get('w', []))).toBeInstanceOf(tf.errors.ValueError);
          expect(nameScope('testVarOpScope2')).toBe('testVarOpScope1/tower_1/testVarOpScope2/');
        });
      });
      tf.name_scope('testVarOpScope2', () => {
        vs(null, 'default', [], () => {
          expect(get('w', []).name).toBe('default/w:0');
          expect(nameScope('testVarOpScope2')).toBe('testVarOpScope2/default/testVarOpScope2/');
        });
        vs(null, 'default', [], () => {
          expect(get('w', []).name).toBe('default_1/w:0');
          expect(nameScope('testVarOpScope2')).toBe('testVarOpScope2/default_1/testVarOpScope2/');
        });
      });
    });
  });

  it('testVarOpScopeUniqueNamesInterleavedSubstringScopes', () => {
    inGraph(() => {
      const w = (outer: string): string => vs(null, outer, () => vs(null, 'layer', () => get('w', []).name));
      expect(w('defaultScope1')).toBe('defaultScope1/layer/w:0');
      expect(w('defaultScope1')).toBe('defaultScope1_1/layer/w:0');
      expect(w('defaultScope')).toBe('defaultScope/layer/w:0');
      expect(w('defaultScope1')).toBe('defaultScope1_2/layer/w:0');
    });
  });

  it('testVarOpScopeUniqueNamesWithJump', () => {
    inGraph(() =>
      vs('default', (def) => {
        expect(vs(null, 'layer', () => get('w', []).name)).toBe('default/layer/w:0');
        expect(vs(null, 'layer', () => get('w', []).name)).toBe('default/layer_1/w:0');
        vs(def, () => undefined);
        // No matter the jump in the middle, unique numbering continues.
        expect(vs(null, 'layer', () => get('w', []).name)).toBe('default/layer_2/w:0');
      }),
    );
  });

  /** The checks of testVarOpScopeReuse, testVarOpScopeReuseParam and the outer-scope cases: a name and a name scope inside. */
  const inside = (name: string, scope2: string): void => {
    expect(get('w', []).name).toBe(name);
    expect(nameScope('scope2')).toBe(scope2);
  };

  it('testVarOpScopeReuse', () => {
    inGraph(() => {
      const outer = vs('outer', (outer) => {
        vs('tower', 'default', [], () => inside('outer/tower/w:0', 'outer/tower/scope2/'));
        vs(null, 'default', [], () => inside('outer/default/w:0', 'outer/default/scope2/'));
        return outer;
      });
      vs(outer, { reuse: true }, () => {
        vs('tower', 'default', [], () => inside('outer/tower/w:0', 'outer_1/tower/scope2/'));
        vs(null, 'default', [], () => inside('outer/default/w:0', 'outer_1/default/scope2/'));
      });
    });
  });

  it('testVarScopeGetVar', () => {
    inGraph(() =>
      vs('root', () => {
        const [towerA, va] = vs('towerA', (t) => [t, get('v', [1])] as const);
        expect(va.name).toBe('root/towerA/v:0');
        expect(vs(towerA, { reuse: true }, () => get('v', [1]))).toBe(va);
        expect(vs('towerB', () => get('v', [1])).name).toBe('root/towerB/v:0');
        expect(thrown(() => vs('towerA', () => get('v', [1])))).toBeInstanceOf(tf.errors.ValueError);
        expect(vs('towerA', { reuse: true }, () => get('v', [1]))).toBe(va);
        vs('foo', () =>
          vs('bar', () => {
            expect(get('v', [1]).name).toBe('root/foo/bar/v:0');
            expect(vs(towerA, { reuse: true }, () => get('v', [1]))).toBe(va);
          }),
        );
        expect(thrown(() => vs(towerA, { reuse: true }, () => vs('baz', () => get('v', [1]))))).toBeInstanceOf(tf.errors.ValueError);
        const shape = thrown(() => vs(towerA, { reuse: true }, () => get('v', [2]))); // Different shape.
        expect(shape).toBeInstanceOf(tf.errors.ValueError);
        expect(shape.message).toContain('shape');
        const dtype = thrown(() => vs(towerA, { reuse: true }, () => get('v', [1], { dtype: tf.int32 })));
        expect(dtype).toBeInstanceOf(tf.errors.ValueError);
        expect(dtype.message).toContain('dtype');
      }),
    );
  });

  it('testVarScopeOuterScope', () => {
    inGraph(() => {
      const outer = vs('outer', (o) => o);
      vs(outer, () => {
        inside('outer/w:0', 'outer_1/scope2/');
        vs('default', () => inside('outer/default/w:0', 'outer_1/default/scope2/'));
      });
      vs(outer, { reuse: true }, () => {
        inside('outer/w:0', 'outer_2/scope2/');
        vs('default', { reuse: true }, () => inside('outer/default/w:0', 'outer_2/default/scope2/'));
      });
    });
  });

  it('testVarScopeNestedOuterScope', () => {
    inGraph(() =>
      vs('outer', (outer) => {
        vs(outer, () => inside('outer/w:0', 'outer/outer/scope2/'));
        vs('default', () => inside('outer/default/w:0', 'outer/default/scope2/'));
        vs(outer, { reuse: true }, () => inside('outer/w:0', 'outer/outer_1/scope2/'));
        vs('default', { reuse: true }, () => inside('outer/default/w:0', 'outer/default_1/scope2/'));
      }),
    );
  });

  it('testVarOpScopeReuseParam', () => {
    inGraph(() => {
      const outer = vs('outer', (outer) => {
        vs('tower', 'default', [], () => inside('outer/tower/w:0', 'outer/tower/scope2/'));
        vs(null, 'default', [], () => inside('outer/default/w:0', 'outer/default/scope2/'));
        return outer;
      });
      vs(outer, (outer) => {
        vs('tower', 'default', { reuse: true }, () => inside('outer/tower/w:0', 'outer_1/tower/scope2/'));
        outer.reuse_variables();
        vs(null, 'default', [], () => inside('outer/default/w:0', 'outer_1/default/scope2/'));
      });
    });
  });

  it('testVarOpScopeReuseError', () => {
    inGraph(() => {
      const e = thrown(() => vs(null, 'default', { reuse: true }, () => get('w', [])));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toBe('reuse=True cannot be used without a name_or_scope');
    });
  });

  it('testVarOpScopeOuterScope', () => {
    inGraph(() => {
      const outer = vs('outer', (o) => o);
      vs(outer, 'default', [], () => {
        inside('outer/w:0', 'outer_1/scope2/');
        vs(null, 'default', [], () => inside('outer/default/w:0', 'outer_1/default/scope2/'));
      });
      vs(outer, 'default', { reuse: true }, () => {
        inside('outer/w:0', 'outer_2/scope2/');
        outer.reuse_variables();
        vs(null, 'default', [], () => inside('outer/default/w:0', 'outer_2/default/scope2/'));
      });
    });
  });

  it('testVarOpScopeNestedOuterScope', () => {
    inGraph(() => {
      const outer = vs('outer', (outer) => {
        vs(outer, 'default', [], () => inside('outer/w:0', 'outer/outer/scope2/'));
        vs(null, 'default', [], () => inside('outer/default/w:0', 'outer/default/scope2/'));
        return outer;
      });
      vs(outer, 'default', { reuse: true }, () => {
        inside('outer/w:0', 'outer_1/scope2/');
        vs(null, 'default', [], () => inside('outer/default/w:0', 'outer_1/default/scope2/'));
      });
    });
  });
});

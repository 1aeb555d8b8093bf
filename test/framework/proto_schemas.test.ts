import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { SavedModelSchema } from '../../src/framework/proto/tensorflow/core/protobuf/saved_model_pb.js';
import { AssetFileDefSchema } from '../../src/framework/proto/tensorflow/core/protobuf/meta_graph_pb.js';
import { DataType } from '../../src/framework/proto/tensorflow/core/framework/types_pb.js';
import { HAS_PROTOC, NO_PROTOC, TF1_FILES, protocDecode } from '../helpers/protoc.js';

// TF's own SavedModel (TF r1.12's testdata): the generated schemas read every field of it, and write it back.
const PB = join(TF1_FILES, 'half_plus_two/half_plus_two/00000123/saved_model.pb');

describe("TF r1.12's schemas, compiled by protoc-gen-es", () => {
  const bytes = new Uint8Array(readFileSync(PB));
  const model = fromBinary(SavedModelSchema, bytes);

  it("decode TF1's saved_model.pb with no field left unknown", () => {
    expect(model.savedModelSchemaVersion).toBe(1n);
    expect(model.metaGraphs).toHaveLength(1);
    const mg = model.metaGraphs[0]!;
    expect(mg.metaInfoDef?.tags).toEqual(['serve']);
    expect(mg.saverDef?.version).toBe(2); // SaverDef.V2
    expect(Object.keys(mg.signatureDef).sort()).toEqual([
      'classify_x2_to_y3',
      'classify_x_to_y',
      'regress_x2_to_y3',
      'regress_x_to_y',
      'regress_x_to_y2',
      'serving_default',
    ]);
    expect(mg.signatureDef.regress_x_to_y?.outputs.outputs?.encoding).toEqual({ case: 'name', value: 'y:0' });
    // TF r1.12 lists the assets in a collection of Any-wrapped AssetFileDefs.
    const assets = mg.collectionDef.saved_model_assets?.kind;
    expect(assets?.case).toBe('anyList');
    const any = assets?.case === 'anyList' ? assets.value.value[0]! : undefined;
    expect(any?.typeUrl).toBe('type.googleapis.com/tensorflow.AssetFileDef');
    const asset = fromBinary(AssetFileDefSchema, any!.value);
    expect([asset.filename, asset.tensorInfo?.encoding]).toEqual(['foo.txt', { case: 'name', value: 'Const:0' }]);
    const nodes = mg.graphDef!.node;
    const a = nodes.find((n) => n.name === 'a')!;
    expect(a.op).toBe('VariableV2');
    expect(a.attr.dtype?.value).toEqual({ case: 'type', value: DataType.DT_FLOAT });
    // Unknown fields would mean a field number this schema lacks or mistypes.
    const unknown: string[] = [];
    const walk = (m: unknown, path: string): void => {
      if (m === null || typeof m !== 'object' || m instanceof Uint8Array) return;
      if ('$unknown' in m && (m as { $unknown?: unknown[] }).$unknown?.length) unknown.push(path);
      for (const [k, v] of Object.entries(m)) if (k !== '$unknown') walk(v, `${path}.${k}`);
    };
    walk(model, 'SavedModel');
    expect(unknown).toEqual([]);
  });

  it('write it back to bytes protoc decodes as it decodes the original', ({ skip }) => {
    if (!HAS_PROTOC) return skip(NO_PROTOC);
    const again = toBinary(SavedModelSchema, model);
    expect(protocDecode('tensorflow.SavedModel', again)).toBe(protocDecode('tensorflow.SavedModel', bytes));
  });
});

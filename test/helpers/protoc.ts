import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository's root and its proto/ folder (TF r1.12's schemas). */
export const ROOT = join(import.meta.dirname, '../..');
export const PROTO_DIR = join(ROOT, 'proto');
/**
 * TF1's own files: ../shared/tf1-files relative to the repository's root (see its README), or, in a git worktree
 * elsewhere, relative to the main checkout that holds the worktree's git directory; else the copy in test/fixtures.
 */
export const TF1_FILES = ((): string => {
  const here = join(ROOT, '../shared/tf1-files');
  if (existsSync(here)) return here;
  const common = spawnSync('git', ['rev-parse', '--git-common-dir'], { cwd: ROOT, encoding: 'utf8' }).stdout?.trim();
  const main = common ? join(resolve(ROOT, common), '../../shared/tf1-files') : here;
  return existsSync(main) ? main : join(ROOT, 'test/fixtures/tf1-files');
})();

/** Whether Debian's protoc is on PATH (CI installs it: .ci/setup.sh); tests that need it skip, saying so, when not. */
export const HAS_PROTOC = spawnSync('protoc', ['--version']).status === 0;
export const NO_PROTOC = 'protoc is not installed (apt-get install protobuf-compiler): the independent decoder is skipped';

/** The .proto file that declares `type` (a `tensorflow.` message). */
const FILE_OF: Record<string, string> = {
  'tensorflow.GraphDef': 'tensorflow/core/framework/graph.proto',
  'tensorflow.SavedModel': 'tensorflow/core/protobuf/saved_model.proto',
  'tensorflow.MetaGraphDef': 'tensorflow/core/protobuf/meta_graph.proto',
  'tensorflow.TensorProto': 'tensorflow/core/framework/tensor.proto',
  'tensorflow.AttrValue': 'tensorflow/core/framework/attr_value.proto',
  'tensorflow.BundleHeaderProto': 'tensorflow/core/protobuf/tensor_bundle.proto',
  'tensorflow.BundleEntryProto': 'tensorflow/core/protobuf/tensor_bundle.proto',
  'tensorflow.Event': 'tensorflow/core/util/event.proto',
  'tensorflow.Summary': 'tensorflow/core/framework/summary.proto',
  'tensorflow.RunMetadata': 'tensorflow/core/protobuf/config.proto',
  'tensorflow.CondContextDef': 'tensorflow/core/protobuf/control_flow.proto',
  'tensorflow.WhileContextDef': 'tensorflow/core/protobuf/control_flow.proto',
};

function fileOf(type: string): string {
  const file = FILE_OF[type];
  if (!file) throw new Error(`no .proto known for ${type}`);
  return file;
}

/** `protoc --decode=type -I proto file.proto < bytes`: the message in protobuf's text format, as C++ prints it. */
export function protocDecode(type: string, bytes: Uint8Array): string {
  return execFileSync('protoc', [`--decode=${type}`, `-I${PROTO_DIR}`, fileOf(type)], { input: bytes, maxBuffer: 1 << 28 }).toString('utf8');
}

/** `protoc --encode=type ... < text`: the binary message that text format describes (protoc's parser). */
export function protocEncode(type: string, text: string): Uint8Array {
  return new Uint8Array(execFileSync('protoc', [`--encode=${type}`, `-I${PROTO_DIR}`, fileOf(type)], { input: text, maxBuffer: 1 << 28 }));
}

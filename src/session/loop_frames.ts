// TF1's BuildControlFlowInfo (core/graph/control_flow.cc), which the executor runs before a graph with a while loop:
// every op's frame, from its inputs' frames (an Enter's output is in its frame_name, an Exit's in the frame around
// its input's); an op whose inputs come from different frames is refused before anything runs.
import type { Operation } from '../graph/operation.js';
import { InvalidArgumentError } from '../framework/errors.js';
import { plainType, type OpAttrs } from '../framework/op_defs.js';

/** Checks that every op of a loop plan (`order`: back edges left out) reads from one frame (the root frame is ''). */
export function checkFrames(order: readonly Operation[]): void {
  const frameOf = new Map<Operation, string>();
  const parentOf = new Map<string, string>();
  for (const op of order) {
    const type = plainType(op.type);
    const ins = [...op.inputs.map((t) => t.op), ...op.control_inputs].filter(
      (o) => frameOf.has(o) && !(type === 'Merge' && plainType(o.type) === 'NextIteration'),
    );
    const first = ins[0];
    const frame = first ? frameOf.get(first)! : '';
    const other = ins.find((o) => frameOf.get(o) !== frame);
    if (other) {
      throw new InvalidArgumentError(
        `The node '${op.name}' has inputs from different frames. The input '${other.name}' is in frame '${frameOf.get(other)}'. The input '${first!.name}' is in frame '${frame}'.`,
        op,
      );
    }
    if (type === 'Enter') {
      const name = (op.attrs as OpAttrs['Enter']).frame_name;
      const parent = parentOf.get(name);
      if (parent !== undefined && parent !== frame) {
        throw new InvalidArgumentError(
          `The node '${op.name}' has inputs from different frames. The input '${first?.name}' is in frame '${frame}'. The frame '${name}' is entered from frame '${parent}'.`,
          op,
        );
      }
      parentOf.set(name, frame);
      frameOf.set(op, name);
    } else frameOf.set(op, type === 'Exit' ? (parentOf.get(frame) ?? '') : frame);
  }
}

// TF1's tf.train.summary_iterator (python/summary/summary_iterator.py): the Event protos of an events file.
import { fromBinary } from '@bufbuild/protobuf';
import { DataLossError } from '../framework/errors.js';
import { req, tf1 } from '../framework/args.js';
import { STR } from '../ops/kinds.js';
import { type Event, EventSchema } from '../framework/proto/tensorflow/core/util/event_pb.js';
import { readRecordFile } from './tf_record.js';

function* events(records: Iterable<Uint8Array>, path: string): Generator<Event, void, undefined> {
  let i = 0;
  for (const r of records) {
    let ev: Event;
    try {
      ev = fromBinary(EventSchema, r);
    } catch (e) {
      throw new DataLossError(`Error parsing message: record ${i} of ${path} is not an Event (${(e as Error).message})`);
    }
    i++;
    yield ev;
  }
}

/**
 * TF1's `tf.train.summary_iterator(path)`: the Event messages of an events file, in order (a JavaScript
 * iterator; the fields are @bufbuild/protobuf's camelCase: `ev.wallTime`, `ev.what.case === 'summary'`).
 */
export const summary_iterator = tf1('train.summary_iterator', [req('path', STR)] as const, ({ path }) => events(readRecordFile(path, ''), path));

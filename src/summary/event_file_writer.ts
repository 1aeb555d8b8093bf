// TF1's EventFileWriter (python/summary/writer/event_file_writer.py) over its EventsWriter
// (core/util/events_writer.cc): Event protos appended as TFRecords to `events.out.tfevents.<secs>.<host><suffix>`
// in the log folder, whose first record is an Event with the file version "brain.Event:2".
import { create, toBinary } from '@bufbuild/protobuf';
import { type Event, EventSchema } from '../framework/proto/tensorflow/core/util/event_pb.js';
import { RecordFile } from './record_file.js';
import { nodeFs, nodeOs, onFile } from './node_fs.js';

/** The file_version of TF's event files (EventsWriter's kVersionPrefix + kCurrentVersion). */
export const FILE_VERSION = 'brain.Event:2';

/**
 * Events written to one log folder. The events file is created at the first event (or at once when a suffix is
 * given, as TF's InitWithSuffix), and again after `close()` + `reopen()`. Events reach the file when `max_queue`
 * of them are waiting, every `flush_secs` seconds (a timer that never keeps the process alive), and on `flush()`
 * and `close()`.
 */
export class EventFileWriter {
  private file: RecordFile | null = null;
  private queued = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private closedFlag = false;

  constructor(
    private readonly logdir: string,
    private readonly maxQueue = 10,
    private readonly flushSecs = 120,
    private readonly suffix = '',
  ) {
    const { fs } = nodeFs();
    onFile(logdir, () => fs.mkdirSync(logdir, { recursive: true }));
    if (suffix) this.init();
    this.startTimer();
  }

  /** The log folder. */
  get_logdir(): string {
    return this.logdir;
  }

  /** The events file being written, or null before the first event (and after close). */
  get path(): string | null {
    return this.file?.path ?? null;
  }

  private startTimer(): void {
    if (this.flushSecs > 0 && Number.isFinite(this.flushSecs)) {
      this.timer = setInterval(() => this.flushQuietly(), this.flushSecs * 1000);
      (this.timer as { unref?: () => void }).unref?.();
    }
  }

  private flushQuietly(): void {
    try {
      this.flush();
    } catch {
      // A timer has no caller to tell; the next flush() or close() reports the failure.
    }
  }

  private init(): RecordFile {
    if (this.file) return this.file;
    const { path } = nodeFs();
    const secs = Math.floor(Date.now() / 1000);
    const name = `events.out.tfevents.${String(secs).padStart(10, '0')}.${nodeOs().hostname()}${this.suffix}`;
    const file = new RecordFile(path.join(this.logdir, name));
    file.write(toBinary(EventSchema, create(EventSchema, { wallTime: secs, what: { case: 'fileVersion', value: FILE_VERSION } })));
    file.flush();
    this.file = file;
    return file;
  }

  /** Queues an event (nothing once closed, as TF1). */
  add_event(event: Event): void {
    if (this.closedFlag) return;
    this.init().write(toBinary(EventSchema, event));
    if (++this.queued >= this.maxQueue) this.flush();
  }

  /** Writes the queued events to the file. */
  flush(): void {
    if (this.file && !this.file.closed) this.file.flush();
    this.queued = 0;
  }

  /** Flushes and closes the file; later events are dropped until `reopen()`. */
  close(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.flush();
    this.file?.close();
    this.file = null;
    this.closedFlag = true;
  }

  /** After `close()`: takes events again, into a new events file. */
  reopen(): void {
    if (!this.closedFlag) return;
    this.closedFlag = false;
    this.startTimer();
  }
}

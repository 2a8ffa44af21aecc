// Where the batch writes its answers. A batch of 100,000 households writes 3 GB that nobody reads back at
// once: put through the page cache, each of those gigabytes first takes fresh memory from the system, and on a
// virtual machine that hands freed memory back to its host, taking it again costs more than the writing itself
// (on our build machine, 6 to 8 s of kernel time for 3.3 GB, a third of the batch). So a regular file is
// written directly to the disk (O_DIRECT), through two staging buffers whose memory is aligned as the disk
// needs (a WebAssembly memory starts on a page boundary): one fills while the other is being written. Where
// the system or the file system refuses that (another platform, a tmpfs, a pipe, /dev/null), the answers go
// through an ordinary write stream. The bytes are the same either way (simulate.test.ts checks both).
import fs from 'node:fs';
import { once } from 'node:events';

export interface AnswerFile {
  /** Appends `bytes`; `release` is called once they are no longer needed (copied or written). */
  write(bytes: Uint8Array, release: () => void): void;
  /** Chunks accepted but not yet copied or written: the batch waits when they pile up. */
  backlog(): number;
  /** Called whenever the backlog shrinks. */
  onDrain?: () => void;
  /** Called once, on the first write that fails (the disk is full…): the batch stops there. */
  onError?: (error: Error) => void;
  /** Writes what remains and closes the file; rejects with the first write error. */
  close(): Promise<void>;
  /** `direct` (past the page cache) or `stream`. */
  readonly mode: 'direct' | 'stream';
}

/** Size of each staging buffer: a multiple of every block size, large enough to keep the disk streaming. */
const STAGE_BYTES = 8 << 20;
/** Every write to a direct file starts and ends on this boundary (the last one is padded, then cut back). */
const BLOCK = 4096;
const WASM_PAGE = 65536;

/** Opens `file` for the answers (created or emptied): directly when possible, else as a stream. */
export function openAnswerFile(file: string, options: { direct?: boolean } = {}): AnswerFile {
  return (options.direct !== false && openDirect(file)) || openStream(file);
}

function openDirect(file: string): AnswerFile | undefined {
  const O_DIRECT = fs.constants.O_DIRECT;
  if (!O_DIRECT) return undefined;
  try {
    if (!fs.statSync(file).isFile()) return undefined; // /dev/null, a pipe, a terminal
  } catch {
    // A new file: fine.
  }
  const { O_WRONLY, O_CREAT, O_TRUNC } = fs.constants;
  let fd: number;
  try {
    fd = fs.openSync(file, O_WRONLY | O_CREAT | O_TRUNC | O_DIRECT, 0o666);
  } catch {
    return undefined; // refused by the file system (or the path is wrong: the stream will say so)
  }
  const memory = new WebAssembly.Memory({ initial: (2 * STAGE_BYTES) / WASM_PAGE });
  const stages = [0, 1].map((i) => Buffer.from(memory.buffer, i * STAGE_BYTES, STAGE_BYTES));
  try {
    // One aligned block, then back to empty: proves the memory and the file system accept direct writes.
    fs.writeSync(fd, stages[0] as Buffer, 0, BLOCK, 0);
    fs.ftruncateSync(fd, 0);
  } catch {
    fs.closeSync(fd);
    return undefined;
  }
  return new DirectFile(fd, stages as [Buffer, Buffer]);
}

class DirectFile implements AnswerFile {
  readonly mode = 'direct';
  onDrain?: () => void;
  onError?: (error: Error) => void;
  private readonly queue: { bytes: Uint8Array; offset: number; release: () => void }[] = [];
  private readonly busy = [false, false];
  private current = 0;
  private fill = 0;
  private position = 0;
  private failure: Error | undefined;
  private idle: (() => void) | undefined;

  constructor(
    private readonly fd: number,
    private readonly stages: [Buffer, Buffer],
  ) {}

  write(bytes: Uint8Array, release: () => void): void {
    this.queue.push({ bytes, offset: 0, release });
    this.pump();
  }

  backlog(): number {
    return this.queue.length;
  }

  /** Copies queued bytes into the current stage while it is free; sends each stage to the disk once full. */
  private pump(): void {
    let drained = false;
    while (this.queue.length > 0 && !this.busy[this.current] && !this.failure) {
      const head = this.queue[0] as (typeof this.queue)[number];
      const n = Math.min(STAGE_BYTES - this.fill, head.bytes.length - head.offset);
      this.stages[this.current]!.set(head.bytes.subarray(head.offset, head.offset + n), this.fill);
      this.fill += n;
      head.offset += n;
      if (head.offset === head.bytes.length) {
        this.queue.shift();
        head.release();
        drained = true;
      }
      if (this.fill === STAGE_BYTES) this.send(STAGE_BYTES);
    }
    if (drained) this.onDrain?.();
  }

  private send(length: number): void {
    const index = this.current;
    const at = this.position;
    this.busy[index] = true;
    this.position += length;
    this.current = 1 - index;
    this.fill = 0;
    fs.write(this.fd, this.stages[index] as Buffer, 0, length, at, (error, written) => {
      this.busy[index] = false;
      if (!this.failure && (error || written !== length)) {
        this.failure =
          error ?? new Error(`écriture incomplète des réponses (${written} octets sur ${length})`);
        this.onError?.(this.failure);
      }
      this.pump();
      this.idle?.();
    });
  }

  /** Waits until no stage is being written and nothing is queued (after a failed write, nothing more goes). */
  private async settled(): Promise<void> {
    while (this.busy[0] || this.busy[1] || (this.queue.length > 0 && !this.failure))
      await new Promise<void>((resolve) => (this.idle = resolve));
  }

  async close(): Promise<void> {
    try {
      await this.settled();
      if (this.failure) throw this.failure;
      const tail = this.fill;
      if (tail > 0) {
        // Padded with zeros to a whole block, written, then the file is cut back to its true length.
        const padded = Math.ceil(tail / BLOCK) * BLOCK;
        const stage = this.stages[this.current] as Buffer;
        stage.fill(0, tail, padded);
        this.send(padded);
        await this.settled();
        if (this.failure) throw this.failure;
        fs.ftruncateSync(this.fd, this.position - padded + tail);
      }
    } finally {
      fs.closeSync(this.fd);
    }
  }
}

function openStream(file: string): AnswerFile {
  // Opened here so that a wrong path fails now, with its message, not later as an unhandled stream error.
  const fd = fs.openSync(file, 'w');
  const out = fs.createWriteStream(file, { fd });
  let failure: Error | undefined;
  let waiting = 0;
  const answers: AnswerFile = {
    mode: 'stream',
    write(bytes, release) {
      waiting++;
      out.write(bytes, () => {
        waiting--;
        release();
        answers.onDrain?.();
      });
    },
    backlog: () => waiting,
    async close() {
      out.end();
      if (!failure) await once(out, 'finish').catch((error: Error) => (failure ??= error));
      if (failure) throw failure;
    },
  };
  out.on('error', (error) => {
    if (failure) return;
    failure = error;
    answers.onError?.(error);
  });
  return answers;
}

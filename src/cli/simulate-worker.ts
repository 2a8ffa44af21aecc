// A batch worker: receives chunks of JSONL lines, answers one JSON line per input line, in the same order.
// Each worker builds the engines once (before saying it is ready); the main thread only reads, dispatches
// and writes. Answers go back as UTF-8 bytes whose memory is transferred, not copied: the main thread
// writes them as they are, so it stays free for reading while both cores estimate.
import { parentPort } from 'node:worker_threads';
import { estimateLine } from '../features/rights/answers/batch-line.ts';
import { estimate } from '../features/rights/estimate.ts';
import { AnswerWriter } from '../features/rights/answers/answer-writer.ts';

if (!parentPort) throw new Error('simulate-worker must run in a worker thread');
const port = parentPort;
const writer = new AnswerWriter();

// Buffers the main thread handed back once written: reused for the next chunks (fresh memory is slow to touch).
const spares: ArrayBuffer[] = [];

port.on(
  'message',
  (message: { seq: number; firstLine: number; lines: string[] } | { spare: ArrayBuffer }) => {
    if ('spare' in message) {
      spares.push(message.spare);
      return;
    }
    let errors = 0;
    for (let i = 0; i < message.lines.length; i++) {
      if (!estimateLine(message.lines[i] as string, message.firstLine + i, writer)) errors++;
    }
    const bytes = writer.takeInto(spares);
    port.postMessage({ seq: message.seq, bytes, count: message.lines.length, errors }, [bytes.buffer]);
  },
);

// Build the engines now (rules parsed and compiled), in parallel with the main thread counting lines.
estimate({ month: '2026-01', household: { members: [{ role: 'applicant', birthDate: '1980-01-01' }] } });
port.postMessage({ ready: true });

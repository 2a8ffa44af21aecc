// A batch worker: receives chunks of JSONL lines, answers one JSON line per input line, in the same order.
// Each worker builds the engines once; the main thread only reads, dispatches and writes.
import { parentPort } from 'node:worker_threads';
import { estimateLine } from './simulate-line.ts';

if (!parentPort) throw new Error('simulate-worker must run in a worker thread');
const port = parentPort;

port.on('message', (message: { seq: number; firstLine: number; lines: string[] }) => {
  const out: string[] = new Array(message.lines.length);
  let errors = 0;
  for (let i = 0; i < message.lines.length; i++) {
    const answer = estimateLine(message.lines[i] as string, message.firstLine + i);
    if (answer.error) errors++;
    out[i] = answer.json;
  }
  port.postMessage({ seq: message.seq, out, errors });
});
port.postMessage({ ready: true });

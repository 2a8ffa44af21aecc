// ClamAV over clamd's socket (Unix or TCP), with its INSTREAM command: the file is sent in chunks, clamd answers
// "stream: OK" or "stream: <signature> FOUND". What Administration+ does with attachments: a file is scanned
// before it is served, and an infected one never is. Signatures come from freshclam in production; the tests
// start their own clamd on a signature file of their own (test/clamd.ts).
import net from 'node:net';

/** What the scanner said of a file. */
export type ScanVerdict = { verdict: 'clean' } | { verdict: 'infected'; signature: string };

/** Scans a file's bytes; throws ScannerUnavailableError when the scanner cannot say. */
export interface VirusScanner {
  scan(content: Buffer): Promise<ScanVerdict>;
}

/** The scanner did not answer, or answered an error: the file stays in quarantine. */
export class ScannerUnavailableError extends Error {}

/** Where clamd listens. */
export type ClamdAddress = { socket: string } | { host: string; port: number };

const chunkSize = 64 * 1024;

/** A scanner that talks to clamd; each scan is one connection, cut after `timeoutMs`. */
export function clamdScanner(address: ClamdAddress, timeoutMs = 30_000): VirusScanner {
  return {
    scan: (content) =>
      new Promise<ScanVerdict>((resolve, reject) => {
        const socket =
          'socket' in address
            ? net.createConnection({ path: address.socket })
            : net.createConnection({ host: address.host, port: address.port });
        const chunks: Buffer[] = [];
        let settled = false;
        const fail = (why: string) => {
          if (settled) return;
          settled = true;
          socket.destroy();
          reject(new ScannerUnavailableError(why));
        };
        socket.setTimeout(timeoutMs, () => fail('clamd did not answer in time'));
        socket.on('error', (error) => fail(`clamd unreachable: ${error.message}`));
        socket.on('data', (data) => chunks.push(data));
        socket.on('end', () => {
          if (settled) return;
          const answer = Buffer.concat(chunks).toString('utf8').replace(/\0/g, '').trim();
          const found = /^stream: (.+) FOUND$/.exec(answer);
          if (answer === 'stream: OK') {
            settled = true;
            resolve({ verdict: 'clean' });
          } else if (found) {
            settled = true;
            resolve({ verdict: 'infected', signature: found[1]! });
          } else fail(`clamd answered: ${answer.slice(0, 200)}`);
        });
        socket.on('connect', () => {
          socket.write('zINSTREAM\0');
          for (let offset = 0; offset < content.length; offset += chunkSize) {
            const chunk = content.subarray(offset, offset + chunkSize);
            const size = Buffer.alloc(4);
            size.writeUInt32BE(chunk.length);
            socket.write(size);
            socket.write(chunk);
          }
          socket.end(Buffer.alloc(4));
        });
      }),
  };
}

/** Whether clamd answers PING (used at boot to say whether the antivirus works). */
export async function pingClamd(address: ClamdAddress, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket =
      'socket' in address
        ? net.createConnection({ path: address.socket })
        : net.createConnection({ host: address.host, port: address.port });
    let answer = '';
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(false));
    socket.on('data', (data) => (answer += data.toString('utf8')));
    socket.on('end', () => resolve(answer.replace(/\0/g, '').trim() === 'PONG'));
    socket.on('connect', () => socket.end('zPING\0'));
  });
}

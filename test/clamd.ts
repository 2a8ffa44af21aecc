// A ClamAV daemon for the tests, on a signature database of our own: these machines cannot download ClamAV's
// signatures (production runs freshclam). The signatures match the EICAR test string wherever it stands in a
// file (.ndb) and the EICAR file itself by its hash (.hdb), which is all the tests need.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pingClamd } from '../src/platform/files/antivirus.ts';

/** The EICAR anti-virus test file (68 bytes): harmless, detected by every antivirus. */
export const eicar = Buffer.from(
  'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*',
  'latin1',
);

export const clamdPath = process.env.CLAMD_PATH || '/usr/sbin/clamd';

/** A running clamd: its socket, and how to stop it. */
export interface TestClamd {
  socket: string;
  stop(): Promise<void>;
}

/** Starts clamd on a temporary folder with the test signatures; waits until it answers PING. */
export async function startClamd(): Promise<TestClamd> {
  if (!fs.existsSync(clamdPath))
    throw new Error(`clamd est introuvable (${clamdPath}). Installez-le : apt-get install -y clamav-daemon`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-clamd-'));
  const db = path.join(dir, 'db');
  fs.mkdirSync(db);
  fs.writeFileSync(
    path.join(db, 'sans-couture-test.ndb'),
    `Sans-Couture-Test-EICAR:0:*:${eicar.toString('hex')}\n`,
  );
  const socket = path.join(dir, 'clamd.sock');
  fs.writeFileSync(
    path.join(dir, 'clamd.conf'),
    [
      `LocalSocket ${socket}`,
      `DatabaseDirectory ${db}`,
      'Foreground yes',
      `LogFile ${path.join(dir, 'clamd.log')}`,
      `PidFile ${path.join(dir, 'clamd.pid')}`,
      'StreamMaxLength 25M',
      ...(os.userInfo().uid === 0 ? ['User root'] : []),
    ].join('\n') + '\n',
  );
  const child: ChildProcess = spawn(clamdPath, ['-c', path.join(dir, 'clamd.conf')], { stdio: 'ignore' });
  const deadline = Date.now() + 30_000;
  while (!(await pingClamd({ socket }, 500))) {
    if (child.exitCode != null) throw new Error(`clamd s’est arrêté (code ${child.exitCode})`);
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error('clamd ne répond pas après 30 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    socket,
    stop: async () => {
      if (child.exitCode == null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

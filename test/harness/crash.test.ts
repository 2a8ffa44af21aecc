// Crashes and faults, with the real server process: SIGKILL in the middle of a stream of writes (10 rounds
// on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set), a second process on the same DATA_DIR, a
// SIGTERM while requests are in flight, and the database going away then coming back.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import {
  createTarget,
  freePort,
  runCrashTest,
  startServer,
  waitReady,
  type Kind,
  type Target,
} from '../../scripts/crash-test.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { prepareDatabase } from '../../src/bootstrap.ts';
import { build } from '../../src/app.ts';
import { testConfig, databaseKinds } from '../helpers.ts';

const targets: Target[] = [];
afterAll(async () => {
  for (const target of targets) await target.dispose();
});

describe('SIGKILL in the middle of a stream of writes', () => {
  for (const kind of databaseKinds as Kind[]) {
    it(`loses no acknowledged write and leaves nothing half-written, 10 rounds on ${kind}`, async () => {
      const report = await runCrashTest(kind, { rounds: 10 });
      console.info(
        `crash test ${kind}: ${report.acknowledged}/${report.sent} writes acknowledged, restarts ${report.restartMs.join(', ')} ms, ${report.seconds} s`,
      );
      expect(report.problems).toEqual([]);
      expect(report.restartMs).toHaveLength(11);
      expect(report.acknowledged).toBeGreaterThanOrEqual(10 * 20);
    }, 1_800_000);
  }
});

describe('the server process', () => {
  it('refuses a second process on the same DATA_DIR with a clear French message, and drains on SIGTERM then exits 0', async () => {
    const target = await createTarget('pglite');
    targets.push(target);
    const first = startServer(target, await freePort());
    await waitReady(first, 300_000);

    const second = startServer(target, await freePort());
    const refused = await second.exited;
    expect(refused.code).toBe(1);
    expect(second.output()).toContain('Sans Couture ne peut pas démarrer');
    expect(second.output()).toContain(
      'Le dossier de données est déjà utilisé par un autre processus Sans Couture',
    );
    // The first one was not disturbed.
    expect((await fetch(first.baseUrl + '/healthz')).status).toBe(200);

    // A request in flight when SIGTERM arrives (headers read, body still coming) is answered; then the
    // process exits 0 and frees the folder.
    const [head, tail] = ['email=usager%40demo.localhost&_c', 'srf=xxx'];
    const inFlight = new Promise<number>((resolve, reject) => {
      const headers = {
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': String(head.length + tail.length),
      };
      const request = http.request(first.baseUrl + '/connexion', { method: 'POST', headers }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      });
      request.on('error', reject);
      request.write(head);
      setTimeout(() => {
        first.child.kill('SIGTERM');
        setTimeout(() => request.end(tail), 500);
      }, 1000);
    });
    const status = await inFlight;
    expect(status).toBeGreaterThanOrEqual(200);
    expect(status).toBeLessThan(500);
    const exit = await first.exited;
    expect(exit.code).toBe(0);
    expect(fs.existsSync(path.join(target.dataDir, 'sans-couture.lock'))).toBe(false);
  }, 600_000);
});

/** A TCP proxy in front of PostgreSQL that can cut every connection and refuse new ones, then come back. */
async function startProxy(
  targetUrl: string,
): Promise<{ port: number; cut(): Promise<void>; restore(): Promise<void>; close(): Promise<void> }> {
  const upstream = new URL(targetUrl);
  const sockets = new Set<net.Socket>();
  const port = await freePort();
  let server: net.Server | null = null;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const remote = net.connect(Number(upstream.port || 5432), upstream.hostname);
        sockets.add(client);
        sockets.add(remote);
        client.pipe(remote).pipe(client);
        const drop = () => {
          client.destroy();
          remote.destroy();
          sockets.delete(client);
          sockets.delete(remote);
        };
        client.on('error', drop).on('close', drop);
        remote.on('error', drop).on('close', drop);
      });
      server.listen(port, '127.0.0.1', () => resolve());
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      if (server) server.close(() => resolve());
      else resolve();
      server = null;
    });
  await listen();
  return { port, cut: stop, restore: listen, close: stop };
}

describe.runIf(process.env.TEST_DATABASE_URL)('the database going away (PostgreSQL)', () => {
  it('answers /healthz 503 and a clear French error while it is away, and recovers without a restart', async () => {
    const adminUrl = process.env.TEST_DATABASE_URL!;
    const name = `sc_outage_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const direct = new URL(adminUrl);
    direct.pathname = '/' + name;
    const setup = await openDatabase({ databaseUrl: direct.toString(), poolSize: 1 });
    await prepareDatabase(setup.db, { demo: true });
    await setup.close();

    const proxy = await startProxy(direct.toString());
    const viaProxy = new URL(direct.toString());
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const database = await openDatabase({ databaseUrl: viaProxy.toString(), poolSize: 4 });
    const app = await build({ config: testConfig(), database, logger: false });
    await app.ready();
    try {
      expect((await app.inject('/healthz')).statusCode).toBe(200);
      expect((await app.inject('/lieux')).statusCode).toBe(200);

      await proxy.cut();
      const health = await app.inject('/healthz');
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ status: 'database-unavailable' });
      // The territory's offer already read stays in memory for a minute: the list of places still answers.
      expect((await app.inject('/lieux')).statusCode).toBe(200);
      // A page that must read the database says clearly that it cannot.
      const page = await app.inject('/lieux/france-services-catus');
      expect(page.statusCode).toBe(503);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('Service momentanément indisponible');
      expect(page.body).toContain('La base de données ne répond pas');
      const api = await app.inject('/api/v1/places?organisation=caf');
      expect(api.statusCode).toBe(503);
      expect(api.headers['content-type']).toContain('application/problem+json');

      await proxy.restore();
      // The pool replaces its dead connections: answers come back within a few seconds, same process.
      let status = 0;
      for (let attempt = 0; attempt < 50 && status !== 200; attempt++) {
        status = (await app.inject('/healthz')).statusCode;
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(status).toBe(200);
      expect((await app.inject('/lieux/france-services-catus')).statusCode).toBe(200);
      expect((await app.inject('/api/v1/places?organisation=caf')).statusCode).toBe(200);
    } finally {
      await app.close();
      await database.close();
      await proxy.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }, 120_000);
});

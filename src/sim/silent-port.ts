import { Worker } from 'node:worker_threads';
import net from 'node:net';

/**
 * A TCP address that neither answers nor refuses, like an instance with no network:
 * a listener whose accept queue is full and never drained, so the kernel drops new SYNs
 * and a client's connect() just times out. Loopback cannot drop packets any other way
 * without privileges. The listener lives in a worker thread that blocks right after
 * listen(), so nothing ever calls accept().
 */
export interface SilentPort {
  close(): Promise<void>;
}

const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const net = require('node:net');
const flag = new Int32Array(workerData.flag);
const server = net.createServer();
server.on('error', (err) => { parentPort.postMessage({ error: err.message }); });
// backlog 1: Linux then holds two completed connections before dropping SYNs.
server.listen({ host: workerData.host, port: workerData.port, backlog: 1 }, () => {
  parentPort.postMessage({ listening: true });
  // Timed waits: a wake-up that is missed (a busy machine) costs 100 ms, not the port.
  while (Atomics.load(flag, 0) === 0) Atomics.wait(flag, 0, 0, 100);
  process.exit(0);
});
`;

/** Fillers the sim itself opens to fill the accept queue. */
const FILLERS = 2;
/** A filler that has not connected by then found the queue already full. */
const FILLER_WAIT_MS = 500;
/** How long close() waits for the worker to leave before terminating it. */
const EXIT_GRACE_MS = 2000;

export async function openSilentPort(host: string, port: number): Promise<SilentPort> {
  const flag = new SharedArrayBuffer(4);
  const worker = new Worker(WORKER, { eval: true, workerData: { host, port, flag } });
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    worker.once('message', (m: { listening?: boolean; error?: string }) => (m.listening === true ? resolve() : reject(new Error(`silent port ${host}:${port}: ${m.error ?? 'failed'}`))));
    worker.once('error', reject);
  });
  const fillers: net.Socket[] = [];
  await Promise.all(
    Array.from({ length: FILLERS }, () => new Promise<void>((resolve) => {
      const s = net.connect({ host, port });
      // Someone else (a client's probe) may have filled the queue first: then this
      // filler's SYN is dropped and it would wait for the kernel's connect timeout.
      const timer = setTimeout(() => {
        s.destroy();
        resolve();
      }, FILLER_WAIT_MS);
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      s.on('error', done);
      s.once('connect', done);
      fillers.push(s);
    })),
  );
  let closed = false;
  return {
    async close() {
      if (closed) return;
      closed = true;
      const f = new Int32Array(flag);
      Atomics.store(f, 0, 1);
      Atomics.notify(f, 0);
      // The worker leaves by itself within ~100 ms; if it does not, it is stopped.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), EXIT_GRACE_MS);
      });
      if ((await Promise.race([exited, late])) === 'late') await worker.terminate();
      clearTimeout(timer);
      for (const s of fillers) s.destroy();
    },
  };
}

import { timingSafeEqual } from 'node:crypto';
import ssh2 from 'ssh2';
import type { Connection, ParsedKey } from 'ssh2';

const { Server } = ssh2;

export interface ExecResult { readonly stdout: string; readonly stderr: string; readonly code: number }

export interface SshServerOptions {
  readonly host: string;
  readonly port: number;
  /** OpenSSH-format private host key. */
  readonly hostKey: string;
  /** The key pair installed at launch (KeyName); null: nobody can log in. */
  readonly authorizedKey: ParsedKey | null;
  readonly exec: (command: string) => ExecResult;
}

export interface InstanceSshServer {
  close(): Promise<void>;
}

/** How long close() lets connected clients say goodbye before cutting them off. */
const CLOSE_GRACE_MS = 1000;

/** An instance's sshd: publickey auth against the launch key pair, exec only. */
export async function startSshServer(opts: SshServerOptions): Promise<InstanceSshServer> {
  const clients = new Set<Connection>();
  const server = new Server({ hostKeys: [opts.hostKey], ident: 'OpenSSH_9.8' }, (client) => {
    clients.add(client);
    client.on('close', () => clients.delete(client));
    client.on('error', () => clients.delete(client));
    client.on('authentication', (ctx) => {
      const want = opts.authorizedKey;
      if (ctx.method !== 'publickey' || want === null) return ctx.reject(['publickey']);
      const offered = ctx.key.data;
      const expected = want.getPublicSSH();
      if (ctx.key.algo !== want.type || offered.length !== expected.length || !timingSafeEqual(offered, expected)) return ctx.reject(['publickey']);
      // Without a signature the client only asks whether the key would do.
      if (ctx.signature === undefined || ctx.blob === undefined) return ctx.accept();
      return want.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true ? ctx.accept() : ctx.reject(['publickey']);
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('exec', (acceptExec, _reject, info) => {
          const stream = acceptExec();
          const r = opts.exec(info.command);
          if (r.stdout !== '') stream.write(r.stdout);
          if (r.stderr !== '') stream.stderr.write(r.stderr);
          stream.exit(r.code);
          stream.end();
        });
        session.on('shell', (_accept, reject) => reject());
        session.on('pty', (_accept, reject) => reject?.());
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  let closing: Promise<void> | null = null;
  return {
    close() {
      closing ??= new Promise<void>((resolve) => {
        let grace: NodeJS.Timeout | undefined;
        server.close(() => {
          clearTimeout(grace);
          resolve();
        });
        for (const c of clients) c.end();
        // A peer that never closes its side would hold server.close() open for good:
        // after a grace period its socket is destroyed (ssh2 keeps it as `_sock`).
        grace = setTimeout(() => {
          for (const c of clients) (c as unknown as { _sock?: { destroy(): void } })._sock?.destroy();
        }, CLOSE_GRACE_MS);
      });
      return closing;
    },
  };
}

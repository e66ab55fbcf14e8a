/**
 * Serve the built site (build/) with `vite preview` on a loopback port and wait until it answers:
 * for the scripts that drive a browser over the finished site (bench:page, screenshots).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

/** BENCH_PORT when set, else a port the system says is free. */
export async function freePort(): Promise<number> {
  if (process.env.BENCH_PORT) return Number(process.env.BENCH_PORT);
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export async function serve(port: number): Promise<{ url: string; server: ChildProcess }> {
  const server = spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    { stdio: ['ignore', 'ignore', 'inherit'] }
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(url + '/', { signal: AbortSignal.timeout(5000) })).ok) return { url, server };
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      server.kill('SIGTERM');
      throw new Error(`vite preview did not answer on ${url}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}


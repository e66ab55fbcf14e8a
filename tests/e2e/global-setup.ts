import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { chromiumPath } from './chromium';

const PORT = Number(process.env.E2E_PORT || 4181);
let server: ChildProcess | undefined;

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

/** Serve the built site (npm run test:e2e builds it first) with `vite preview` for the browser tests. */
export default async function setup(project: TestProject) {
  chromiumPath(); // fail at once, with one clear line, when there is no browser
  if (!existsSync('build/index.html')) throw new Error('No build/ folder: run `npm run build` first (npm run test:e2e does).');
  server = spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'],
    { stdio: ['ignore', 'pipe', 'pipe'] }
  );
  let log = '';
  server.stdout?.on('data', (d) => (log += d));
  server.stderr?.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${PORT}`;
  const deadline = Date.now() + 60_000;
  let lastError = '';
  for (;;) {
    try {
      const res = await fetch(url + '/', { signal: AbortSignal.timeout(5_000) });
      if (res.ok) break;
      lastError = `HTTP ${res.status}`;
    } catch (e) {
      lastError = String((e as Error).cause ?? e); // e.g. "bad port": browsers refuse some ports
    }
    if (Date.now() > deadline) {
      server.kill('SIGTERM');
      throw new Error(`vite preview did not answer on ${url} (${lastError}):\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  project.provide('baseURL', url);
  return async () => {
    server?.kill('SIGTERM');
  };
}

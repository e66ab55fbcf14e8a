// The two engines besides Chromium, behind one small interface: Firefox (Debian's firefox-esr) through
// puppeteer-core over WebDriver BiDi, and WebKit (WebKitGTK's MiniBrowser) through WebKitWebDriver,
// which speaks only classic W3C WebDriver over HTTP, under xvfb-run since MiniBrowser needs a display.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/** A page in one engine, with what the smoke test needs of it. */
export interface EnginePage {
  /** Run `fn` in the page with JSON arguments and return its JSON result. */
  run<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<R>;
  /** Give the file input matched by `selector` the file at `path`, as a reader choosing it would. */
  upload(selector: string, path: string): Promise<void>;
  /** Console errors and uncaught errors recorded so far (what is recorded differs by engine: see README). */
  errors(): Promise<string[]>;
  close(): Promise<void>;
}

export const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = process.env.MINIBROWSER_PATH || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const XVFB_RUN = '/usr/bin/xvfb-run';

/** What is missing to run an engine (empty when it can run). */
export function missing(engine: 'firefox' | 'webkit'): string[] {
  const need = engine === 'firefox' ? [FIREFOX] : [WEBKIT_DRIVER, MINIBROWSER, XVFB_RUN];
  return need.filter((p) => !existsSync(p));
}

const WIDTH = 1280, HEIGHT = 900;

/** Firefox: console errors and uncaught exceptions come from BiDi's log.entryAdded events. */
export async function openFirefox(url: string): Promise<EnginePage> {
  const browser: Browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    protocol: 'webDriverBiDi',
    args: [`--width=${WIDTH}`, `--height=${HEIGHT}`]
  });
  try {
    const page: Page = await browser.newPage();
    // The window already has this size from --width/--height; setViewport only pins it. Some
    // firefox-esr builds lack the screen-orientation command puppeteer sends with it (CI's did), so a
    // refusal there leaves the window's own size rather than failing the engine.
    await page.setViewport({ width: WIDTH, height: HEIGHT }).catch((e: unknown) => {
      if (!/setScreenOrientationOverride|unknown command/i.test(String(e))) throw e;
    });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url, { waitUntil: 'load' });
    return {
      run: (fn, ...args) => page.evaluate(fn as (...a: unknown[]) => never, ...args),
      async upload(selector, path) {
        const input = await page.$(selector);
        if (!input) throw new Error(`no ${selector}`);
        await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(path);
      },
      errors: async () => [...errors],
      close: () => browser.close()
    };
  } catch (e) {
    await browser.close();
    throw e;
  }
}

/** The script that WebKit's pages get first in <head>: it keeps errors where the test can read them. */
const RECORDER = `(() => {
  const seen = (window.__engineErrors = []);
  addEventListener('error', (e) => seen.push('uncaught: ' + (e.error && e.error.stack || e.message || 'error loading ' + (e.target && (e.target.src || e.target.href)))), true);
  addEventListener('unhandledrejection', (e) => seen.push('unhandled rejection: ' + String(e.reason && e.reason.stack || e.reason)));
  const original = console.error;
  console.error = (...a) => { seen.push('console.error: ' + a.map(String).join(' ')); original.apply(console, a); };
})();`;
const RECORDER_PATH = '/__engines-error-recorder.js';

/**
 * Classic WebDriver cannot run a script before the page's own, so WebKit reaches the site through
 * this proxy, which adds one same-origin <script src> (allowed by the page's CSP, 'self') as the
 * first child of every HTML page's <head> and passes everything else through unchanged.
 */
function recordingProxy(target: string): Promise<Server> {
  const to = new URL(target);
  const server = createServer((req, res) => {
    if (req.url === RECORDER_PATH) {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
      return void res.end(RECORDER);
    }
    const headers = { ...req.headers, host: to.host, 'accept-encoding': 'identity' };
    const up = request({ host: to.hostname, port: to.port, path: req.url, method: req.method, headers }, (r) => {
      if (!(r.headers['content-type'] ?? '').includes('text/html')) {
        res.writeHead(r.statusCode ?? 502, r.headers);
        return void r.pipe(res);
      }
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => {
        const html = Buffer.concat(chunks).toString('utf8').replace(/<head([^>]*)>/i, `<head$1><script src="${RECORDER_PATH}"></script>`);
        const { 'content-length': _, etag: __, ...rest } = r.headers;
        res.writeHead(r.statusCode ?? 502, rest);
        res.end(html);
      });
    });
    up.on('error', (e) => res.writeHead(502).end(String(e)));
    req.pipe(up);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** A port that was free a moment ago (WebKitWebDriver needs one given; it cannot report its own). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

type Json = Record<string, unknown>;

/** WebKit: errors are those the recorder above catches (window error events, unhandled rejections, console.error). */
export async function openWebKit(url: string): Promise<EnginePage> {
  const proxy = await recordingProxy(new URL(url).origin);
  const port = await freePort();
  // Its own process group, so that closing ends xvfb-run, Xvfb, the driver and MiniBrowser together.
  const driver: ChildProcess = spawn(XVFB_RUN, ['-a', '-s', `-screen 0 ${WIDTH}x${HEIGHT + 200}x24`, WEBKIT_DRIVER, `--port=${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true
  });
  let log = '';
  driver.stdout?.on('data', (d) => (log += d));
  driver.stderr?.on('data', (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  let session = '';
  const call = async (method: string, path: string, body?: Json): Promise<unknown> => {
    const res = await fetch(base + path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    const out = (await res.json()) as { value: unknown };
    if (!res.ok) {
      const v = out.value as { error?: string; message?: string };
      throw new Error(`WebDriver ${method} ${path}: ${v.error}: ${v.message}`);
    }
    return out.value;
  };
  const cmd = (method: string, path: string, body?: Json) => call(method, `/session/${session}${path}`, body);
  const stop = async () => {
    if (session) await cmd('DELETE', '').catch(() => {});
    proxy.close();
    try {
      process.kill(-driver.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const ready = await call('GET', '/status').catch(() => null);
      if ((ready as { ready?: boolean } | null)?.ready) break;
      if (Date.now() > deadline || driver.exitCode !== null) throw new Error(`WebKitWebDriver did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const created = (await call('POST', '/session', {
      capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } } }
    })) as { sessionId: string };
    session = created.sessionId;
    await cmd('POST', '/window/rect', { x: 0, y: 0, width: WIDTH, height: HEIGHT });
    const { port: proxyPort } = proxy.address() as AddressInfo;
    const u = new URL(url);
    await cmd('POST', '/url', { url: `http://127.0.0.1:${proxyPort}${u.pathname}${u.search}${u.hash}` });
    return {
      async run(fn, ...args) {
        return (await cmd('POST', '/execute/sync', { script: `return (${fn.toString()}).apply(null, arguments)`, args })) as never;
      },
      async upload(selector, path) {
        // Found by its CSS selector, the file input takes the file's path as the keys sent to it.
        const el = (await cmd('POST', '/element', { using: 'css selector', value: selector })) as Json;
        const id = Object.values(el)[0]; // a web element reference has one key, its id
        await cmd('POST', `/element/${id}/value`, { text: path });
      },
      errors: async () =>
        (await cmd('POST', '/execute/sync', { script: 'return window.__engineErrors || ["the error recorder did not run"]', args: [] })) as string[],
      close: stop
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

import { existsSync } from 'node:fs';

/** Debian's headless-only build of Chromium (package chromium-headless-shell). */
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';

/**
 * Where the browser tests find Chromium: CHROMIUM_PATH, else Debian's headless shell when it is
 * installed (the same Chromium without the windowed browser around it, which costs every page
 * CPU the suite cannot spare: .ci/run installs it), else Debian's /usr/bin/chromium. `shell: false`
 * asks for the full browser (the page benchmark measures what a reader's browser does).
 */
export function chromiumPath({ shell = true } = {}): string {
  const candidate = process.env.CHROMIUM_PATH || (shell && existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium');
  if (!existsSync(candidate)) {
    throw new Error(
      `Chromium not found at ${candidate}. Install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary.`
    );
  }
  return candidate;
}

/** Flags for a quiet headless Chromium on a machine with no network but loopback. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic'
];

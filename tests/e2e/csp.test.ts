import { describe } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, test } from './fixture';
import { builtFiles, builtPages } from './built-pages';

/** The policy in a built page's <meta http-equiv>, as directive → sources. */
function policyOf(html: string): Map<string, string[]> {
  const meta = html.match(/<meta http-equiv="content-security-policy" content="([^"]*)"/i);
  if (!meta) throw new Error('no Content-Security-Policy meta tag');
  return new Map(
    meta[1].split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...sources]) => [name, sources])
  );
}

/** Record every CSP violation the page reports, from the first script on. */
async function recordViolations(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`));
  });
}
const violations = (page: Page) => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

describe('Content-Security-Policy', () => {
  test('every prerendered page carries the strict policy', () => {
    const pages = builtPages();
    expect(pages.map((p) => p.path)).toContain('/');
    for (const { file } of pages) {
      const policy = policyOf(readFileSync(file, 'utf8'));
      expect(policy.get('default-src'), file).toEqual(["'self'"]);
      const scripts = policy.get('script-src') ?? [];
      expect(scripts.slice(0, 2), file).toEqual(["'self'", "'wasm-unsafe-eval'"]);
      // Nothing else but hashes of the exact inline scripts: no unsafe-inline, no unsafe-eval, no hosts.
      for (const s of scripts.slice(2)) expect(s, file).toMatch(/^'sha256-[A-Za-z0-9+/]+=*'$/);
      expect(policy.get('worker-src'), file).toEqual(["'self'"]);
      expect(policy.get('connect-src'), file).toEqual(["'self'"]);
      expect(policy.get('object-src'), file).toEqual(["'none'"]);
      expect(policy.get('base-uri'), file).toEqual(["'self'"]);
      expect(policy.get('form-action'), file).toEqual(["'self'"]);
      // No directive may name another origin.
      for (const [name, sources] of policy) {
        for (const s of sources) expect(s, `${file} ${name}`).toMatch(/^('[a-z-]+'|'sha256-[^']+'|data:|blob:)$/);
      }
      // Every inline script in the page is covered by one of the hashes (none rely on unsafe-inline).
      const inline = [...readFileSync(file, 'utf8').matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
      expect(inline.length, file).toBeGreaterThan(0);
      for (const body of inline) {
        const hash = `'sha256-${createHash('sha256').update(body).digest('base64')}'`;
        expect(scripts, `${file}: inline script ${body.slice(0, 40)}…`).toContain(hash);
      }
    }
  });

  test('is enforced: an injected inline script is blocked and reported, so the console check of every test can see a violation', async ({ open }) => {
    // Chromium logs the refusal of the injected script to the console: that one error is expected.
    const { page } = await open({ allowErrors: [/^(Refused to execute inline script because it violates|Executing inline script violates) the following Content Security Policy directive/] });
    await recordViolations(page);
    await page.reload({ waitUntil: 'load' });
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.injectedRan = true';
      document.body.append(s);
      return new Promise((r) => setTimeout(() => r((window as unknown as { injectedRan?: boolean }).injectedRan ?? false), 200));
    });
    expect(ran).toBe(false);
    expect((await violations(page)).some((v) => v.startsWith('script-src'))).toBe(true);
  });

  test('the shipped JavaScript (page and workers) calls no eval or new Function', () => {
    // A meta policy does not reach into workers, so their code is checked here instead.
    const js = builtFiles('build/_app').filter((f) => f.endsWith('.js'));
    expect(js.length).toBeGreaterThan(10);
    // One known exception, checked to stay exactly one: d3-dsv builds its row-to-object converter with
    // Function(), but only inside parse() and format(); the reader's CSV goes through parseRows()
    // (src/lib/data/csv-series.ts) and the export through formatRows(), which never reach it, and on
    // the page the policy would refuse it anyway.
    const D3_DSV_CONVERTER = /Function\(`d`,`return \{`\+/g;
    let converters = 0;
    for (const f of js) {
      const code = readFileSync(f, 'utf8');
      converters += code.match(D3_DSV_CONVERTER)?.length ?? 0;
      expect(code.replace(D3_DSV_CONVERTER, ''), f).not.toMatch(/\beval\s*\(|new\s+Function\s*\(|\bFunction\s*\(\s*["'`]/);
    }
    expect(converters).toBeLessThanOrEqual(1);
    for (const src of ['src/lib/data/csv-series.ts', 'src/lib/models/fit-export.ts']) {
      expect(readFileSync(src, 'utf8'), src).not.toMatch(/\b(csvParse|tsvParse|csvFormat|tsvFormat)\b|dsvFormat\([^)]*\)\s*\.(parse|format)\(/);
    }
  });

  // A page that violates the policy is caught in every browser test: Chromium reports each refusal
  // as a console error, and the fixture fails any test whose page logged one. So the policy is
  // checked on every figure with its workers (keyboard.test.ts and print.test.ts load them all; the
  // section tests train in workers) and on every standalone page (embed.test.ts), with no scan of
  // its own here.
});

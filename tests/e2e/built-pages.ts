import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every prerendered page in build/, as the path it is served at ('/', '/figure/2c', …). */
export function builtPages(root = 'build'): { file: string; path: string }[] {
  const out: { file: string; path: string }[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) {
        if (f !== '_app') walk(p);
      } else if (f.endsWith('.html')) {
        const path = '/' + relative(root, p).replace(/\\/g, '/').replace(/\.html$/, '');
        out.push({ file: p, path: path === '/index' ? '/' : path.replace(/\/index$/, '') });
      }
    }
  };
  walk(root);
  return out;
}

/** Every file under a folder of the build. */
export function builtFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((p) => statSync(p).isFile());
}

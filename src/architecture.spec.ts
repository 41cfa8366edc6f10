/**
 * The house rules of docs/architecture.md, checked on the source tree itself:
 * - layers point one way: kernel ← platform ← features ← http / web ← cli and the composition root;
 * - feature folders import each other without a cycle;
 * - the kernel uses no framework; controllers, guards and pages never touch the ORM.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = __dirname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

interface Import {
  from: string; // path relative to src
  to: string; // a relative import resolved against src, or a package name
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s+'([^']+)'/g;

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const from = relative(SRC, file);
  return [...text.matchAll(IMPORT)].map((m) => ({
    from,
    to: m[1].startsWith('.') ? relative(SRC, resolve(dirname(file), m[1])) : m[1],
  }));
}

const FILES = sourceFiles(SRC);
const IMPORTS = FILES.flatMap(importsOf);

/** kernel, platform, features, http, web, cli, or root (main, app module, entities). */
function layerOf(path: string): string {
  const top = path.split('/')[0];
  return ['kernel', 'platform', 'features', 'http', 'web', 'cli'].includes(top) ? top : 'root';
}

const ALLOWED: Record<string, string[]> = {
  kernel: ['kernel'],
  platform: ['kernel', 'platform'],
  features: ['kernel', 'platform', 'features'],
  http: ['kernel', 'platform', 'features', 'http'],
  web: ['kernel', 'platform', 'features', 'http', 'web'],
  cli: ['kernel', 'platform', 'features', 'http', 'web', 'cli', 'root'],
  root: ['kernel', 'platform', 'features', 'http', 'web', 'cli', 'root'],
};

const isLocal = (i: Import) =>
  !i.to.startsWith('node:') && !i.to.startsWith('@') && FILES.some((f) => relative(SRC, f).startsWith(i.to));

describe('architecture', () => {
  it('finds the source tree', () => {
    expect(FILES.length).toBeGreaterThan(50);
    expect(IMPORTS.some((i) => i.from.startsWith('features/') && i.to.startsWith('kernel/'))).toBe(true);
  });

  it('keeps every import pointing down the layers (kernel ← platform ← features ← http/web ← cli)', () => {
    const wrong = IMPORTS.filter(isLocal)
      .filter((i) => !ALLOWED[layerOf(i.from)].includes(layerOf(i.to)))
      .map((i) => `${i.from} imports ${i.to}`);
    expect(wrong).toEqual([]);
  });

  it('has no cycle between feature folders', () => {
    const edges = new Map<string, Set<string>>();
    for (const i of IMPORTS.filter(isLocal)) {
      const [a, fa] = i.from.split('/');
      const [b, fb] = i.to.split('/');
      if (a !== 'features' || b !== 'features' || fa === fb) continue;
      if (!edges.has(fa)) edges.set(fa, new Set());
      edges.get(fa)!.add(fb);
    }
    const cycles: string[] = [];
    const visit = (node: string, path: string[]) => {
      if (path.includes(node)) {
        cycles.push([...path.slice(path.indexOf(node)), node].join(' → '));
        return;
      }
      for (const next of edges.get(node) ?? []) visit(next, [...path, node]);
    };
    for (const node of edges.keys()) visit(node, []);
    expect(cycles).toEqual([]);
  });

  it('keeps the kernel free of frameworks and I/O', () => {
    const allowedPackages = ['luxon', 'date-holidays', 'node:crypto'];
    const wrong = IMPORTS.filter((i) => i.from.startsWith('kernel/') && !isLocal(i) && !allowedPackages.includes(i.to));
    expect(wrong.map((i) => `${i.from} imports ${i.to}`)).toEqual([]);
  });

  it('never lets a controller, guard or page touch the ORM', () => {
    const wrong = IMPORTS.filter(
      (i) => ['http', 'web'].includes(layerOf(i.from)) && i.to.startsWith('@mikro-orm/'),
    ).map((i) => `${i.from} imports ${i.to}`);
    expect(wrong).toEqual([]);
  });

  it('keeps status codes in the HTTP layer: no feature or kernel file names one', () => {
    const wrong = FILES.filter((f) => ['kernel', 'features'].includes(layerOf(relative(SRC, f))))
      .filter((f) => /HttpException|HttpStatus|ProblemException|getStatus\(\)/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    expect(wrong).toEqual([]);
  });
});

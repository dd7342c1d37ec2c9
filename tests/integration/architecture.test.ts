// The layers stay apart (as VS Code keeps its environments apart): only src-main/electron imports
// Electron; src-shared needs neither Node nor the DOM; the renderer reaches the back end only through the
// typed API; the doors (electron, host, cli) call the app, not the services behind it; collectors never
// import detection, no service imports a door or the composition (app.ts and its handlers), storage imports
// no other service, the demo and response modules keep to their neighbours, and in the renderer only the
// stores call the API — each rule shown to fail on an import planted against it; and no import makes a circle
// (type-only ones included), the worker's floor knowing none of the parsers its table runs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RENDERER_CSP } from '../../src-shared/content-security-policy.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function sourceFiles(folder: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|cts)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm)].map(
    (match) => match[1] ?? match[2] ?? match[3] ?? match[4]!,
  );
}

/** Resolves a relative import to a path from the repository root. */
function target(file: string, specifier: string): string {
  return specifier.startsWith('.') ? path.relative(ROOT, path.resolve(ROOT, path.dirname(file), specifier)) : specifier;
}

describe('layering', () => {
  it('imports Electron only inside src-main/electron', () => {
    const offenders = ['src-main', 'src-shared', 'src-renderer']
      .flatMap(sourceFiles)
      .filter((file) => !file.startsWith(`src-main${path.sep}electron${path.sep}`))
      .filter((file) => importsOf(file).some((spec) => spec === 'electron' || spec.startsWith('electron/')));
    expect(offenders).toEqual([]);
  });

  it('keeps src-shared free of Node, the DOM and the other layers', () => {
    const offenders = sourceFiles('src-shared').flatMap((file) =>
      importsOf(file)
        .filter((spec) => !(spec === 'zod' || spec === 'tldts' || (spec.startsWith('.') && target(file, spec).startsWith('src-shared'))))
        .map((spec) => `${file} → ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('lets the renderer use only src-shared, its own files and its UI libraries (the reader page: libsodium and a zip writer)', () => {
    const allowedPackages = new Set(['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime', 'zustand', 'zustand/react/shallow', 'zod']);
    const readerPackages = new Set(['zod', 'libsodium-wrappers-sumo', 'fflate']);
    const offenders = sourceFiles('src-renderer').flatMap((file) =>
      importsOf(file)
        .filter((spec) => !(file.startsWith(path.join('src-renderer', 'reader')) ? readerPackages : allowedPackages).has(spec))
        .filter((spec) => !(spec.startsWith('.') && /^src-(renderer|shared)/.test(target(file, spec))))
        .map((spec) => `${file} → ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('has the doors (electron, host, cli) call app.ts rather than the services behind it', () => {
    const servicesFolders = ['vault', 'acquisition', 'signatures', 'detection', 'evidence', 'forward', 'response', 'demo'];
    const offenders = ['src-main/electron', 'src-main/host', 'src-main/cli'].flatMap(sourceFiles).flatMap((file) =>
      importsOf(file)
        .map((spec) => target(file, spec))
        .filter((resolved) => servicesFolders.some((folder) => resolved.startsWith(path.join('src-main', folder))))
        .map((resolved) => `${file} → ${resolved}`),
    );
    expect(offenders).toEqual([]);
  });
});

/** A file and where its imports lead (paths from the repository root, or package names). */
type ImportGraph = Map<string, string[]>;

function importGraph(folders: string[]): ImportGraph {
  return new Map(folders.flatMap(sourceFiles).map((file) => [file, importsOf(file).map((spec) => target(file, spec))]));
}

const under = (folder: string) => (resolved: string) => resolved === folder || resolved.startsWith(`${folder}${path.sep}`) || resolved.startsWith(`${folder}.`);
const SERVICES = ['vault', 'acquisition', 'signatures', 'detection', 'evidence', 'forward', 'response', 'demo', 'system'].map((folder) => path.join('src-main', folder));
const DOORS = ['electron', 'host', 'cli'].map((folder) => path.join('src-main', folder));
const COMPOSITION = [path.join('src-main', 'app'), path.join('src-main', 'handlers')];

/** Each rule: which files it applies to, and which of their imports break it. */
const RULES: { name: string; applies: (file: string) => boolean; forbidden: (resolved: string) => boolean }[] = [
  { name: 'collectors never import detection', applies: under(path.join('src-main', 'acquisition')), forbidden: under(path.join('src-main', 'detection')) },
  { name: 'no service imports a door', applies: (file) => SERVICES.some((folder) => under(folder)(file)), forbidden: (resolved) => DOORS.some((door) => under(door)(resolved)) },
  { name: 'storage never imports the composition or a service', applies: under(path.join('src-main', 'vault')), forbidden: (resolved) => [...COMPOSITION, ...SERVICES.filter((folder) => !folder.endsWith('vault') && !folder.endsWith('system'))].some((folder) => under(folder)(resolved)) },
  { name: 'no service imports the composition', applies: (file) => SERVICES.some((folder) => under(folder)(file)), forbidden: (resolved) => COMPOSITION.some((folder) => under(folder)(resolved)) },
  {
    name: 'the demo phone uses only the Android side and the shared formats',
    applies: under(path.join('src-main', 'demo')),
    forbidden: (resolved) => resolved.startsWith('src-') && ![path.join('src-main', 'demo'), path.join('src-main', 'acquisition', 'android'), 'src-shared'].some((folder) => under(folder)(resolved)),
  },
  {
    name: 'the response module reaches Android only through its entry point',
    applies: under(path.join('src-main', 'response')),
    forbidden: (resolved) =>
      resolved.startsWith('src-') && ![path.join('src-main', 'response'), path.join('src-main', 'acquisition', 'android', 'for-response.js'), path.join('src-main', 'vault', 'vault.js'), 'src-shared'].some((folder) => under(folder)(resolved)),
  },
  {
    // Screens and components show a store's slice and call its actions; the window's start-up connects the client.
    name: 'in the renderer only the stores call the API',
    applies: (file) => under('src-renderer')(file) && ![path.join('src-renderer', 'stores'), path.join('src-renderer', 'api'), path.join('src-renderer', 'main.tsx')].some((allowed) => under(allowed)(file)),
    forbidden: under(path.join('src-renderer', 'api', 'context')),
  },
];

function violations(graph: ImportGraph): string[] {
  return [...graph].flatMap(([file, targets]) => RULES.filter((rule) => rule.applies(file)).flatMap((rule) => targets.filter(rule.forbidden).map((resolved) => `${rule.name}: ${file} → ${resolved}`)));
}

describe('the whole picture', () => {
  const graph = importGraph(['src-main', 'src-renderer']);

  it('holds: collectors, storage, services, the demo phone and the response module import only their allowed neighbours, and the renderer calls the API through its stores', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(violations(graph)).toEqual([]);
  });

  it('fails on each forbidden import planted in it', () => {
    const planted: [string, string, string][] = [
      ['src-main/acquisition/android/collectors/packages.ts', 'src-main/detection/engine.js', 'collectors never import detection'],
      ['src-main/evidence/export-case.ts', 'src-main/cli/bin.js', 'no service imports a door'],
      ['src-main/vault/vault.ts', 'src-main/app.js', 'storage never imports the composition or a service'],
      ['src-main/vault/vault.ts', 'src-main/detection/engine.js', 'storage never imports the composition or a service'],
      ['src-main/signatures/signature-service.ts', 'src-main/handlers/scans.js', 'no service imports the composition'],
      ['src-main/demo/demo-phone.ts', 'src-main/vault/vault.js', 'the demo phone uses only the Android side and the shared formats'],
      ['src-main/response/containment.ts', 'src-main/acquisition/android/adb/phone-connection.js', 'the response module reaches Android only through its entry point'],
      ['src-renderer/screens/case/FindingCard.tsx', 'src-renderer/api/context.js', 'in the renderer only the stores call the API'],
    ];
    for (const [file, forbidden, rule] of planted) {
      expect(graph.has(file.split('/').join(path.sep)), file).toBe(true);
      const altered: ImportGraph = new Map(graph);
      altered.set(file.split('/').join(path.sep), [...graph.get(file.split('/').join(path.sep))!, forbidden.split('/').join(path.sep)]);
      // The planted import breaks that rule (and sometimes another one too).
      expect(violations(altered), `${rule}: ${file} → ${forbidden}`).toContain(`${rule}: ${file.split('/').join(path.sep)} → ${forbidden.split('/').join(path.sep)}`);
    }
  });
});

/** The files of the sources, each with the source files it imports (type-only and dynamic imports included). */
function sourceGraph(): ImportGraph {
  const files = ['src-main', 'src-shared', 'src-renderer'].flatMap(sourceFiles);
  const known = new Set(files);
  const resolve = (file: string, spec: string): string | null => {
    if (!spec.startsWith('.')) return null;
    const base = target(file, spec).replace(/\.js$/, '');
    return ['.ts', '.tsx', '.cts'].map((extension) => base + extension).find((candidate) => known.has(candidate)) ?? null;
  };
  return new Map(files.map((file) => [file, importsOf(file).flatMap((spec) => resolve(file, spec) ?? [])]));
}

/** Every circle of imports (Tarjan's strongly connected components of more than one file, or a file importing itself). */
function importCycles(graph: ImportGraph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string) => {
    index.set(file, counter);
    low.set(file, counter);
    counter += 1;
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || (graph.get(file) ?? []).includes(file)) cycles.push(component.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return cycles;
}

describe('imports go one way', () => {
  const graph = sourceGraph();
  const at = (file: string) => file.split('/').join(path.sep);

  it('form no circle anywhere, type-only imports included', () => {
    expect(graph.size).toBeGreaterThan(300);
    expect(importCycles(graph)).toEqual([]);
  });

  it('find a circle planted in them, however it is imported', () => {
    // The two circles there were: a collector's type taken from the acquisition that lists the collectors, and
    // the worker's floor knowing a higher floor's parsers.
    const planted: [string, string][] = [
      ['src-main/acquisition/android/collectors/collector.ts', 'src-main/acquisition/android/acquisition.ts'],
      ['src-main/system/parse-worker.ts', 'src-main/workers/parse-tasks.ts'],
      ['src-shared/model.ts', 'src-shared/verdicts.ts'],
    ];
    for (const [file, imported] of planted) {
      expect(graph.has(at(file)), file).toBe(true);
      const altered: ImportGraph = new Map(graph);
      altered.set(at(file), [...graph.get(at(file))!, at(imported)]);
      expect(importCycles(altered).some((cycle) => cycle.includes(at(file)) && cycle.includes(at(imported))), `${file} → ${imported}`).toBe(true);
    }
  });

  it('keep the worker\'s floor (src-main/system) below the services and the worker\'s table', () => {
    const above = [...SERVICES.filter((folder) => !folder.endsWith('system')), path.join('src-main', 'workers'), ...COMPOSITION, ...DOORS];
    const offenders = [...graph].filter(([file]) => under(path.join('src-main', 'system'))(file)).flatMap(([file, targets]) => targets.filter((resolved) => above.some((folder) => under(folder)(resolved))).map((resolved) => `${file} → ${resolved}`));
    expect(offenders).toEqual([]);
  });
});

describe('the renderer\'s screens', () => {
  it('keep one panel per file: no screen file over 350 lines', () => {
    const long = sourceFiles('src-renderer/screens')
      .map((file) => [file, fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n').length] as const)
      .filter(([, lines]) => lines > 350);
    expect(long).toEqual([]);
  });
});

describe('the renderer page', () => {
  it("carries the same Content-Security-Policy as the host and Electron send (frame-ancestors aside, which a meta tag cannot set)", () => {
    const html = fs.readFileSync(path.join(ROOT, 'src-renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(RENDERER_CSP.replace("; frame-ancestors 'none'", ''));
  });
});

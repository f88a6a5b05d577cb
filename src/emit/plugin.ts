/**
 * Plug-in emitters: `--emitter ./my-emitter.js` or `--emitter some-package` loads a module whose
 * default export (or export named `emitter`) is an EmitterFactory (see ./types.ts). The shape is
 * checked when the module loads and again for what create() returns, so that a mistake in a user's
 * module is reported as a sentence naming the module, not as a TypeError deep in the CLI.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Emitter, EmitterFactory, EmitterOptions } from './types.js';
import { describeThrown } from '../thrown.js';

export class PluginError extends Error {}

const NAME = /^[a-z0-9][a-z0-9._-]*$/i;
const EXTENSION = /^[a-z0-9][a-z0-9._-]{0,15}$/i;
const HOOKS = ['start', 'article', 'input', 'end'] as const;

/** A path ('./x.js', '../x.mjs', '/abs/x.js', 'C:\x.js', an existing file) rather than a package name. */
function isPath(spec: string, cwd: string): boolean {
  return spec.startsWith('.') || isAbsolute(spec) || spec.includes('\\') || existsSync(resolve(cwd, spec));
}

/** The URL to import: a path from `cwd`, or a package as installed in `cwd`'s project (then next
 *  to news-split itself, which is where a global install finds globally installed packages). */
function locate(spec: string, cwd: string): string {
  if (isPath(spec, cwd)) return pathToFileURL(resolve(cwd, spec)).href;
  try {
    return pathToFileURL(createRequire(join(cwd, 'package.json')).resolve(spec)).href;
  } catch {
    return spec; // an ESM-only package (exports with only "import"): let import() resolve it
  }
}

function describeLoadError(spec: string, cwd: string, err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ERR_MODULE_NOT_FOUND' || e.code === 'MODULE_NOT_FOUND') {
    if (isPath(spec, cwd)) return existsSync(resolve(cwd, spec)) ? (e.message ?? String(err)) : 'no such file';
    if (/\.[cm]?js$/i.test(spec)) return `no such file or package (a file in this folder is ./${spec})`;
    return `package not found (install it next to your files: npm install ${spec})`;
  }
  return e.message ?? String(err);
}

/** Load and check a plug-in emitter module. */
export async function loadPlugin(spec: string, cwd: string = process.cwd()): Promise<EmitterFactory> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(locate(spec, cwd))) as Record<string, unknown>;
  } catch (err) {
    throw new PluginError(`cannot load emitter '${spec}': ${describeLoadError(spec, cwd, err)}`);
  }
  const candidate = mod.default ?? mod.emitter;
  return checkFactory(candidate, `emitter '${spec}'`);
}

/** Check that `value` has the EmitterFactory shape; wrap create() to check what it returns. */
export function checkFactory(value: unknown, what: string): EmitterFactory {
  const f = value as Partial<EmitterFactory> | null | undefined;
  const problems: string[] = [];
  if (!f || typeof f !== 'object') {
    throw new PluginError(`${what} does not export an emitter: expected \`export default { name, extension, description, create(options) }\``);
  }
  if (typeof f.name !== 'string' || !NAME.test(f.name)) problems.push('name must be a word such as "tsv" (letters, digits, . _ -)');
  if (typeof f.extension !== 'string' || !EXTENSION.test(f.extension)) problems.push('extension must be a file extension without the dot, such as "tsv"');
  if (f.description !== undefined && typeof f.description !== 'string') problems.push('description must be a string');
  if (f.layout !== undefined && f.layout !== 'per-input' && f.layout !== 'per-article') problems.push("layout must be 'per-input' or 'per-article'");
  if (typeof f.create !== 'function') problems.push('create(options) must be a function returning { article(a), start?(), input?(r), end?() }');
  if (problems.length) throw new PluginError(`${what} is not a valid emitter: ${problems.join('; ')}`);
  const factory = f as EmitterFactory;
  const label = `emitter '${factory.name}'`;
  return {
    name: factory.name,
    extension: factory.extension,
    description: factory.description ?? '',
    ...(factory.layout ? { layout: factory.layout } : {}),
    create: (options: EmitterOptions) => checkEmitter(guarded(label, 'create', () => factory.create(options)), label),
  };
}

/**
 * Run a plug-in's hook: anything it throws becomes a PluginError naming it, and a process.exit()
 * inside the hook is refused (it would end the run with no output and exit 0).
 */
function guarded<T>(label: string, hook: string, run: () => T): T {
  const exit = process.exit;
  process.exit = ((code?: number) => {
    throw new PluginError(`${label}: ${hook}() called process.exit(${code ?? ''})`);
  }) as typeof process.exit;
  try {
    return run();
  } catch (err) {
    if (err instanceof PluginError) throw err;
    throw new PluginError(`${label}: ${hook}() threw ${describeThrown(err)}`);
  } finally {
    process.exit = exit;
  }
}

/** The emitter with each hook checked: a hook must return a string or nothing. */
function checkEmitter(value: unknown, label: string): Emitter {
  const e = value as Record<string, unknown> | null | undefined;
  if (!e || typeof e !== 'object' || typeof e.article !== 'function') {
    throw new PluginError(`${label}: create() must return an object with an article(article) function`);
  }
  const checked: Record<string, (arg: unknown) => string | undefined> = {};
  for (const hook of HOOKS) {
    const fn = e[hook];
    if (fn === undefined) continue;
    if (typeof fn !== 'function') throw new PluginError(`${label}: ${hook} must be a function`);
    checked[hook] = (arg: unknown) => {
      const out: unknown = guarded(label, hook, () => fn.call(e, arg));
      if (out === undefined || out === null || typeof out === 'string') return out ?? undefined;
      const kind = out instanceof Promise ? 'a Promise (hooks must be synchronous)' : typeof out;
      throw new PluginError(`${label}: ${hook}() returned ${kind}, expected a string or nothing`);
    };
  }
  return checked as unknown as Emitter;
}

export interface LoadedPlugin {
  /** the module as given to --emitter */
  spec: string;
  factory: EmitterFactory;
}

/** Load every --emitter module; names must not repeat a built-in format or another plug-in. */
export async function loadPlugins(specs: readonly string[], builtIn: readonly string[], cwd?: string): Promise<LoadedPlugin[]> {
  const loaded: LoadedPlugin[] = [];
  for (const spec of specs) {
    const factory = await loadPlugin(spec, cwd);
    if (builtIn.includes(factory.name)) throw new PluginError(`emitter '${spec}' is named '${factory.name}', which is a built-in format: choose another name`);
    const twin = loaded.find((p) => p.factory.name === factory.name);
    if (twin) throw new PluginError(`emitters '${twin.spec}' and '${spec}' are both named '${factory.name}'`);
    loaded.push({ spec, factory });
  }
  return loaded;
}

/** The format to use: --format when given; else the only loaded plug-in; else the default. */
export function chooseFormat(format: string, explicit: boolean, plugins: readonly LoadedPlugin[]): string {
  if (explicit || plugins.length === 0) return format;
  if (plugins.length === 1) return plugins[0]!.factory.name;
  throw new PluginError(`several emitters loaded (${plugins.map((p) => p.factory.name).join(', ')}): choose one with --format`);
}

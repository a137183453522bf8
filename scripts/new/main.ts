// `npm run new -- provider NAME | source PROVIDER/NAME | check PROVIDER/NAME --source TYPE`: writes a new provider,
// source type or check from the templates beside this file, with its test (and, for a source, its fixture), then
// regenerates the registries and docs. Nothing outside the provider's folders (src, tests, fixtures) changes.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TEMPLATES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'templates');
const NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export type Kind = 'provider' | 'source' | 'check';

/** What to write: repository-relative path → content. */
export type Files = Record<string, string>;

function template(name: string, values: Readonly<Record<string, string>>): string {
  return readFileSync(path.join(TEMPLATES, `${name}.tmpl`), 'utf8').replace(/__([A-Za-z]+)__/g, (placeholder, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`template ${name} uses ${placeholder}, which has no value`);
    return value;
  });
}

/** `acme-corp` → `AcmeCorp`. */
function pascal(name: string): string {
  return name
    .split(/[-/]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** `acme/users` → provider `acme`, name `users`; a provider is a name alone. */
function parseId(kind: Kind, id: string): { provider: string; name: string } {
  const [provider = '', name = '', ...rest] = id.split('/');
  const valid = kind === 'provider' ? NAME.test(id) : NAME.test(provider) && NAME.test(name) && rest.length === 0;
  if (!valid) {
    const shape = kind === 'provider' ? 'a lower-case name like acme' : `<provider>/<name> like acme/${kind === 'source' ? 'users' : 'users-named'}`;
    throw new Error(`expected ${shape}, found "${id}"`);
  }
  return kind === 'provider' ? { provider: id, name: id } : { provider, name };
}

/** The files a new provider, source or check consists of; `source` is the source type a new check reads. */
export function scaffold(root: string, kind: Kind, id: string, options: { source?: string } = {}): Files {
  const { provider, name } = parseId(kind, id);
  const folder = `src/providers/${provider}`;
  const values = { PROVIDER: provider, NAME: name, Title: pascal(provider), TYPE: `${provider}/${name}`, ID: `${provider}/${name}`, Record: pascal(`${provider}-${name}`) };
  if (kind === 'provider') {
    if (existsSync(path.join(root, folder))) throw new Error(`provider ${provider} exists already (${folder})`);
    return { [`${folder}/provider.ts`]: template('provider.ts', values), [`tests/providers/${provider}/provider.test.ts`]: template('provider.test.ts', values) };
  }
  if (!existsSync(path.join(root, folder, 'provider.ts'))) throw new Error(`no provider ${provider}: run \`npm run new -- provider ${provider}\` first`);
  const file = `${folder}/${kind === 'source' ? 'sources' : 'checks'}/${name}.ts`;
  if (existsSync(path.join(root, file))) throw new Error(`${kind} ${id} exists already (${file})`);
  if (kind === 'source') {
    return {
      [file]: template('source.ts', values),
      [`tests/providers/${provider}/sources/${name}.test.ts`]: template('source.test.ts', values),
      [`fixtures/${provider}/${name}.json`]: template('fixture.json', values),
    };
  }
  if (options.source === undefined) throw new Error('a check needs --source TYPE: the source type it reads, e.g. --source acme/users');
  return {
    [file]: template('check.ts', { ...values, SOURCE: options.source }),
    [`tests/providers/${provider}/checks/${name}.test.ts`]: template('check.test.ts', values),
  };
}

function write(root: string, files: Files): void {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
    console.log(`wrote ${file}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [kind, id, ...rest] = process.argv.slice(2);
  const sourceIndex = rest.indexOf('--source');
  const source = sourceIndex === -1 ? undefined : rest[sourceIndex + 1];
  try {
    if (kind !== 'provider' && kind !== 'source' && kind !== 'check') throw new Error(`expected provider, source or check, found "${kind ?? ''}"`);
    if (id === undefined) throw new Error(`expected the ${kind}'s name`);
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
    write(root, scaffold(root, kind, id, source === undefined ? {} : { source }));
    // Imported only now: the generator reads the folders as they are once the new files exist.
    const { writeGenerated } = await import('../generate.js');
    writeGenerated();
  } catch (error) {
    console.error(`npm run new: ${error instanceof Error ? error.message : String(error)}`);
    console.error('usage: npm run new -- provider NAME | source PROVIDER/NAME | check PROVIDER/NAME --source TYPE');
    process.exitCode = 2;
  }
}

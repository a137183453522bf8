import { chmod, lstat, mkdir, readFile, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import { shownFrom, UserError, UserErrors } from '../core/errors.js';
import { formatDate } from '../core/time.js';
import type { CliIo } from './io.js';
import { terminalText } from './print-errors.js';
import { writeAtomic } from './write-atomic.js';

/** The package's root: two levels above src/cli/, dist/cli/ and the bundle in dist/bundle/. */
const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

/** One file init writes: where (relative to the folder), from which file of the package, and whether it runs. */
export interface StarterTemplate {
  file: string;
  template: string;
  executable?: boolean;
}

/** The starter catalog, its exceptions file and the export script its sources read the output of. */
export const STARTER_TEMPLATES: readonly StarterTemplate[] = [
  { file: 'controls.yaml', template: 'templates/init/controls.yaml' },
  { file: 'exceptions/iam-02.yaml', template: 'templates/init/exceptions/iam-02.yaml' },
  { file: 'scripts/export-aws.sh', template: 'src/providers/aws/export.sh', executable: true },
];

/** The workflow `--ci NAME` adds; the same recipes docs/ci.md shows. */
export const CI_TEMPLATES = {
  github: { file: '.github/workflows/controlproof.yml', template: 'templates/ci/github.yml' },
  gitlab: { file: '.gitlab-ci.yml', template: 'templates/ci/gitlab.yml' },
} as const satisfies Record<string, StarterTemplate>;

export type CiName = keyof typeof CI_TEMPLATES;

/** How long the starter's example exception lasts from the day it is written. */
const EXCEPTION_DAYS = 90;
const DAY_MS = 86_400_000;

/** The templates init writes, the CI workflow last. */
export function starterTemplates(ci: CiName | undefined): StarterTemplate[] {
  return [...STARTER_TEMPLATES, ...(ci === undefined ? [] : [CI_TEMPLATES[ci]])];
}

/** A template's text with its dates filled in: `{{today}}` and `{{in_90_days}}`, so the example exception is active. */
export function fillTemplate(text: string, today: Date): string {
  return text.replaceAll('{{today}}', formatDate(today)).replaceAll('{{in_90_days}}', formatDate(new Date(today.getTime() + EXCEPTION_DAYS * DAY_MS)));
}

/** The path of a file of the package (templates, the export script). */
export function packageFile(relative: string): string {
  return path.join(packageRoot, relative);
}

/** Why `file` cannot be created, or undefined when nothing is there: init never replaces what exists. */
async function occupied(file: string): Promise<string | undefined> {
  try {
    const found = await lstat(file);
    return found.isDirectory() ? 'Is a folder' : 'Exists already';
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    return code === 'ENOTDIR' ? 'A folder in its path is a file' : `Cannot be checked (${(cause as Error).message})`;
  }
}

export function initCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('init')
    .description('write a starter catalog (controls.yaml, an exceptions file, the AWS export script) and, with --ci, a CI workflow; never overwrites')
    .argument('[folder]', 'folder to write into, created when absent (default: the current one)')
    .addOption(new Option('--ci <name>', 'also write a CI workflow: github (.github/workflows/controlproof.yml) or gitlab (.gitlab-ci.yml)').choices(Object.keys(CI_TEMPLATES)))
    .action(async (folder: string | undefined, options: { ci?: CiName }) => {
      const root = path.resolve(io.cwd, folder ?? '.');
      const templates = starterTemplates(options.ci);
      const shown = (file: string): string => shownFrom(path.join(root, file), io.cwd);
      const rootEntry = await stat(root).catch(() => undefined);
      if (rootEntry !== undefined && !rootEntry.isDirectory()) {
        throw new UserError(`Cannot write into ${folder ?? '.'}: it is not a folder`, { position: { file: root }, hint: 'init wrote nothing. Name a folder, or a path where one can be created.' });
      }
      // Every target is checked before anything is written: a refusal leaves the folder as it was.
      const refusals = (await Promise.all(templates.map(async ({ file }) => ({ file, why: await occupied(path.join(root, file)) })))).flatMap(({ file, why }) =>
        why === undefined
          ? []
          : [
              new UserError(`${why}: init never overwrites, so it wrote nothing`, {
                position: { file: path.join(root, file) },
                hint: `Move ${shown(file)} away, or run \`controlproof init FOLDER\` to start in another folder.`,
              }),
            ],
      );
      if (refusals.length > 0) throw new UserErrors(refusals);

      const today = new Date();
      const contents = await Promise.all(templates.map(async (template) => fillTemplate(await readFile(packageFile(template.template), 'utf8'), today)));
      await writeStarter(root, templates, contents);
      io.stdout(`${templates.map(({ file }) => `wrote ${terminalText(shown(file))}\n`).join('')}${nextSteps(root === path.resolve(io.cwd) ? undefined : shownFrom(root, io.cwd), options.ci)}`);
      setExitCode(0);
    });
}

/** Writes each file atomically, creating folders as needed; on a failure removes what it wrote, so it is all or nothing. */
export async function writeStarter(root: string, templates: readonly StarterTemplate[], contents: readonly string[]): Promise<void> {
  const written: string[] = [];
  const createdFolders: string[] = [];
  try {
    for (const [index, template] of templates.entries()) {
      const file = path.join(root, template.file);
      const created = await mkdir(path.dirname(file), { recursive: true }).catch((cause: unknown) => {
        throw new UserError(`Cannot create the folder of ${template.file}: ${(cause as Error).message}`, {
          position: { file: path.dirname(file) },
          hint: 'Nothing was left written. Run init in a folder you can write to.',
        });
      });
      if (created !== undefined) createdFolders.push(created);
      await writeAtomic(file, contents[index] ?? '', { what: template.file, hint: 'Nothing was left written. Run init in a folder you can write to.', exclusive: true });
      written.push(file);
      if (template.executable === true) await chmod(file, 0o755);
    }
  } catch (error) {
    await Promise.all(written.map((file) => rm(file, { force: true })));
    await removeEmptyFolders(createdFolders, templates.map(({ file }) => path.dirname(path.join(root, file))));
    throw error;
  }
}

/** Removes, deepest first, the folders of `dirs` at or under a folder init created, where they are empty. */
async function removeEmptyFolders(created: readonly string[], dirs: readonly string[]): Promise<void> {
  const ancestors = (dir: string): string[] => (dir === path.dirname(dir) ? [dir] : [dir, ...ancestors(path.dirname(dir))]);
  const candidates = [...new Set(dirs.flatMap(ancestors))].filter((dir) => created.some((top) => dir === top || dir.startsWith(top + path.sep)));
  for (const dir of candidates.sort((a, b) => b.length - a.length)) await rmdir(dir).catch(() => undefined);
}

/** What to do after init, from the folder it wrote into (`cd` there first when it is another one). */
function nextSteps(folder: string | undefined, ci: CiName | undefined): string {
  const steps = [
    ...(folder === undefined ? [] : [`cd ${terminalText(folder)}`]),
    'Export an AWS account with read-only credentials: bash scripts/export-aws.sh --out exports --regions eu-west-1',
    'Edit controls.yaml: owners, evidence, mappings; `npx controlproof checks` lists the checks to add',
    'npx controlproof validate && npx controlproof run',
    ...(ci === undefined ? [] : [`Commit the exports, or export them in the job, so the ${ci} workflow finds them: see node_modules/controlproof/docs/ci.md`]),
  ];
  return `\nNext:\n${steps.map((step, index) => `  ${index + 1}. ${step}\n`).join('')}`;
}

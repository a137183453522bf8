// Writes the bench set into a folder (CloudTrail, IAM and a manifest of what it holds; the identity and small-files
// sets each in its own sub-folder with its own manifest), or reuses one written earlier.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deliveryWindows, generateCloudTrail } from './generate-cloudtrail.js';
import { generateIam } from './generate-iam.js';
import { generateIdentity } from './generate-identity.js';
import { GENERATOR_VERSION, IDENTITY_VERSION, MB, SMALL_FILE_BYTES, SMALL_FILES_VERSION, type IdentityManifest, type Manifest, type SmallFilesManifest } from './set.js';

/** The identity set's folder inside a bench folder. */
export const IDENTITY_DIR = 'identity';

/** The small-files set's folder inside a bench folder. */
export const SMALL_FILES_DIR = 'small-files';

export interface SetOptions {
  dataDir: string;
  sizeMb: number;
  iamUsers: number;
  seed: number;
}

/** Generates the set into `dataDir` (its earlier CloudTrail and IAM set removed first) and writes its manifest. The same options always give the same files. */
export async function generateBenchSet({ dataDir, sizeMb, iamUsers, seed }: SetOptions): Promise<Manifest> {
  for (const part of ['cloudtrail', 'iam', 'manifest.json']) rmSync(path.join(dataDir, part), { recursive: true, force: true });
  mkdirSync(path.join(dataDir, 'iam'), { recursive: true });
  const cloudtrail = await generateCloudTrail(path.join(dataDir, 'cloudtrail'), sizeMb, seed);
  const iam = generateIam(dataDir, path.join(dataDir, 'iam'), seed, iamUsers);
  const manifest: Manifest = { version: GENERATOR_VERSION, seed, sizeMb, cloudtrail, iam };
  writeFileSync(path.join(dataDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** The manifest of the set in `dataDir`, if it was written by this generator with these options. */
export function readBenchSet(dataDir: string, options?: SetOptions): Manifest | undefined {
  const manifestPath = path.join(dataDir, 'manifest.json');
  if (!existsSync(manifestPath)) return undefined;
  const existing: Manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  if (options === undefined) return existing;
  const same = existing.version === GENERATOR_VERSION && existing.seed === options.seed && existing.sizeMb === options.sizeMb && existing.iam.users === options.iamUsers;
  return same ? existing : undefined;
}

/**
 * The set for `options`: reused when `dataDir` holds it, generated otherwise. A folder is emptied before generating,
 * so one that holds anything but an earlier set is refused and left alone.
 */
export async function ensureBenchSet(options: SetOptions, log: (text: string) => void): Promise<Manifest> {
  const shown = path.relative(process.cwd(), options.dataDir) || '.';
  const existing = readBenchSet(options.dataDir, options);
  if (existing) {
    log(`reusing ${shown}/ (seed ${options.seed}, ${options.sizeMb} MB)\n`);
    return existing;
  }
  refuseForeignFolder(options.dataDir, shown);
  const started = performance.now();
  log(`generating ${options.sizeMb} MB of CloudTrail and the IAM set into ${shown}/ (seed ${options.seed}) ... `);
  const manifest = await generateBenchSet(options);
  log(`${((performance.now() - started) / 1000).toFixed(2)} s\n`);
  return manifest;
}

/** A folder that holds anything but bench sets is refused and left alone: generating removes what it held. */
function refuseForeignFolder(dataDir: string, shown: string): void {
  const holdsSet = readBenchSet(dataDir) !== undefined || readIdentitySet(dataDir) !== undefined || readSmallFilesSet(dataDir) !== undefined;
  if (!holdsSet && existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new Error(`--data-dir ${shown} is not empty and holds no bench manifest: choose a new or empty folder`);
  }
}

export interface IdentitySetOptions {
  dataDir: string;
  people: number;
  identityLogMb: number;
  seed: number;
}

/** The manifest of the set in the sub-folder `dir` of `dataDir`, if there is one: reused only when `same` says so. */
function readSubsetManifest<M>(dataDir: string, dir: string, same: ((existing: M) => boolean) | undefined): M | undefined {
  const manifestPath = path.join(dataDir, dir, 'manifest.json');
  if (!existsSync(manifestPath)) return undefined;
  const existing: M = JSON.parse(readFileSync(manifestPath, 'utf8'));
  return same === undefined || same(existing) ? existing : undefined;
}

/** The manifest of the identity set in `dataDir`, if it was written by this generator with these options. */
export function readIdentitySet(dataDir: string, options?: IdentitySetOptions): IdentityManifest | undefined {
  return readSubsetManifest<IdentityManifest>(
    dataDir,
    IDENTITY_DIR,
    options && ((existing) => existing.version === IDENTITY_VERSION && existing.seed === options.seed && existing.people === options.people && existing.logMb === options.identityLogMb),
  );
}

/** The identity set for `options`: reused when `dataDir` holds it, generated (into its emptied sub-folder) otherwise. */
export function ensureIdentitySet(options: IdentitySetOptions, log: (text: string) => void): IdentityManifest {
  const shown = path.relative(process.cwd(), options.dataDir) || '.';
  const existing = readIdentitySet(options.dataDir, options);
  if (existing) {
    log(`reusing ${shown}/${IDENTITY_DIR}/ (seed ${options.seed}, ${options.people} people, ${options.identityLogMb} MB of sign-in logs)\n`);
    return existing;
  }
  refuseForeignFolder(options.dataDir, shown);
  const started = performance.now();
  log(`generating the identity set of ${options.people} people with ${options.identityLogMb} MB of sign-in logs into ${shown}/${IDENTITY_DIR}/ (seed ${options.seed}) ... `);
  const dir = path.join(options.dataDir, IDENTITY_DIR);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const manifest: IdentityManifest = { version: IDENTITY_VERSION, ...generateIdentity(dir, options.seed, options.people, options.identityLogMb) };
  writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  log(`${((performance.now() - started) / 1000).toFixed(2)} s\n`);
  return manifest;
}

export interface SmallFilesSetOptions {
  dataDir: string;
  smallFiles: number;
  seed: number;
}

/** The manifest of the small-files set in `dataDir`, if it was written by this generator with these options. */
export function readSmallFilesSet(dataDir: string, options?: SmallFilesSetOptions): SmallFilesManifest | undefined {
  return readSubsetManifest<SmallFilesManifest>(
    dataDir,
    SMALL_FILES_DIR,
    options && ((existing) => existing.version === SMALL_FILES_VERSION && existing.seed === options.seed && existing.requested === options.smallFiles),
  );
}

/** The small-files set for `options`: reused when `dataDir` holds it, generated (into its emptied sub-folder) otherwise. */
export async function ensureSmallFilesSet(options: SmallFilesSetOptions, log: (text: string) => void): Promise<SmallFilesManifest> {
  const shown = path.relative(process.cwd(), options.dataDir) || '.';
  const existing = readSmallFilesSet(options.dataDir, options);
  if (existing) {
    log(`reusing ${shown}/${SMALL_FILES_DIR}/ (seed ${options.seed}, ${options.smallFiles} files)\n`);
    return existing;
  }
  refuseForeignFolder(options.dataDir, shown);
  const started = performance.now();
  log(`generating ${options.smallFiles} small CloudTrail files into ${shown}/${SMALL_FILES_DIR}/ (seed ${options.seed}) ... `);
  const dir = path.join(options.dataDir, SMALL_FILES_DIR);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const windows = deliveryWindows().length;
  const filesPerWindow = Math.ceil(options.smallFiles / windows);
  const files = windows * filesPerWindow;
  const cloudtrail = await generateCloudTrail(path.join(dir, 'cloudtrail'), (files * SMALL_FILE_BYTES) / MB, options.seed, filesPerWindow);
  const manifest: SmallFilesManifest = { version: SMALL_FILES_VERSION, seed: options.seed, requested: options.smallFiles, cloudtrail };
  writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  log(`${((performance.now() - started) / 1000).toFixed(2)} s\n`);
  return manifest;
}

// Writes the bench set into a folder (CloudTrail, IAM and a manifest of what it holds), or reuses one written earlier.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateCloudTrail } from './generate-cloudtrail.js';
import { generateIam } from './generate-iam.js';
import { GENERATOR_VERSION, type Manifest } from './set.js';

export interface SetOptions {
  dataDir: string;
  sizeMb: number;
  iamUsers: number;
  seed: number;
}

/** Generates the set into `dataDir` (emptied first) and writes its manifest. The same options always give the same files. */
export async function generateBenchSet({ dataDir, sizeMb, iamUsers, seed }: SetOptions): Promise<Manifest> {
  rmSync(dataDir, { recursive: true, force: true });
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
  const earlier = readBenchSet(options.dataDir);
  if (!earlier && existsSync(options.dataDir) && readdirSync(options.dataDir).length > 0) {
    throw new Error(`--data-dir ${shown} is not empty and holds no bench manifest: choose a new or empty folder`);
  }
  const started = performance.now();
  log(`generating ${options.sizeMb} MB of CloudTrail and the IAM set into ${shown}/ (seed ${options.seed}) ... `);
  const manifest = await generateBenchSet(options);
  log(`${((performance.now() - started) / 1000).toFixed(2)} s\n`);
  return manifest;
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The package version, read once from package.json (two levels above src/core/, dist/core/ and dist/bundle/). */
export function toolVersion(): string {
  if (cached === undefined) {
    const manifest: unknown = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8'));
    cached = manifest !== null && typeof manifest === 'object' && 'version' in manifest ? String(manifest.version) : '0.0.0';
  }
  return cached;
}

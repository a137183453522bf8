import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (tests/support/ is two levels below it). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The real-shaped exports and example evidence under fixtures/. */
export const fixturesDir = path.join(repoRoot, 'fixtures');

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './paths.js';

const JUNIT_XSD = path.join(repoRoot, 'tests/schemas/JUnit.xsd');

/** Runs xmllint on `xml` (given on stdin); a clear failure when it is not installed, as CI installs it (.ci/run). */
function xmllint(args: readonly string[], xml: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync('xmllint', [...args, '-'], { input: xml, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error && 'code' in run.error && run.error.code === 'ENOENT') {
    throw new Error('xmllint is not installed: install libxml2-utils (apt-get install -y libxml2-utils), as .ci/run does, to validate JUnit output');
  }
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** What xmllint says is wrong with `xml` against the JUnit schema; empty when it validates. */
export function junitSchemaErrors(xml: string): string {
  const { status, stderr } = xmllint(['--noout', '--schema', JUNIT_XSD], xml);
  return status === 0 ? '' : stderr;
}

/** The string value of an XPath 1.0 expression over `xml`, as an XML parser reads the document. */
export function xpathString(xml: string, expression: string): string {
  const { status, stdout, stderr } = xmllint(['--xpath', `string(${expression})`], xml);
  if (status !== 0) throw new Error(`xmllint --xpath ${expression}: ${stderr}`);
  // xmllint ends what it prints with a newline of its own.
  return stdout.endsWith('\n') ? stdout.slice(0, -1) : stdout;
}


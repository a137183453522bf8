import type { EvidenceResult, Report, TestResult } from '../../../report/model.js';
import { prop, propsField, type OscalContext } from './context.js';
import type { BackMatterResource, RelevantEvidence } from './model.js';
import { fileHref, markup, markupLine, stringValue } from './text.js';

const fileUuid = (context: OscalContext, path: string): string => context.uuid(`file:${path}`);

/** A back-matter resource per file the run read or checked: each export of a source, each evidence document; with its SHA-256. */
export function fileResources(context: OscalContext): BackMatterResource[] {
  const { report } = context;
  const files = [
    ...report.sources.flatMap((source) => source.files.map((file) => ({ path: file.path, sha256: file.sha256, props: [...prop('source', source.name), ...prop('bytes', file.bytes)] }))),
    ...report.controls.flatMap((control) =>
      control.evidence.flatMap((item) => (item.path === undefined ? [] : [{ path: item.path, sha256: item.sha256, props: prop('evidence-kind', item.kind) }])),
    ),
  ];
  const seen = new Set<string>();
  return files.flatMap((file) => {
    if (seen.has(file.path)) return [];
    seen.add(file.path);
    const sha256 = file.sha256 === undefined ? undefined : stringValue(file.sha256);
    const hashes = sha256 === undefined ? {} : { hashes: [{ algorithm: 'SHA-256' as const, value: sha256 }] };
    return [{ uuid: fileUuid(context, file.path), title: markupLine(file.path, 'file'), ...propsField(file.props), rlinks: [{ href: fileHref(file.path), ...hashes }] }];
  });
}

/** The sources a test read, in the order its inputs name them. */
export function testSources(report: Report, test: TestResult): Report['sources'] {
  const names = [...new Set(Object.values(test.inputs).flat())];
  return names.flatMap((name) => report.sources.filter((source) => source.name === name));
}

/** The exported files a test read, each linked to its back-matter resource with its hash; an unreadable source says why. */
export function testEvidence(context: OscalContext, test: TestResult): RelevantEvidence[] {
  return testSources(context.report, test).flatMap((source): RelevantEvidence[] => {
    const what = `source ${source.name} (${source.type})`;
    if (source.files.length === 0) {
      return [{ description: markup(`No file of ${what}: ${source.error ?? source.status}`), ...propsField([...prop('source', source.name), ...prop('source-status', source.status)]) }];
    }
    return source.files.map((file) => ({
      href: `#${fileUuid(context, file.path)}`,
      description: markup(`Export ${file.path} of ${what}`),
      ...propsField([...prop('source', source.name), ...prop('sha256', file.sha256)]),
    }));
  });
}

/** What an evidence item says about itself, in one sentence. */
export function evidenceText(item: EvidenceResult): string {
  const facts = [
    item.date === undefined ? 'no date' : `dated ${item.date}`,
    `max age ${item.max_age}`,
    ...(item.fresh_until === undefined ? [] : [`fresh until ${item.fresh_until}`]),
    ...(item.path === undefined ? [] : [item.path]),
    ...(item.ref === undefined ? [] : [`ref ${item.ref}`]),
    ...(item.by === undefined ? [] : [`by ${item.by}`]),
    ...(item.reason === undefined ? [] : [item.reason]),
  ];
  return `${item.kind} "${item.title}": ${item.status} (${facts.join(', ')})`;
}

/** An evidence item of the exists lens, linked to its document when it names one. */
export function evidenceItemEvidence(context: OscalContext, item: EvidenceResult): RelevantEvidence {
  return {
    ...(item.path === undefined ? {} : { href: `#${fileUuid(context, item.path)}` }),
    description: markup(evidenceText(item)),
    ...propsField([
      ...prop('evidence-kind', item.kind),
      ...prop('evidence-status', item.status),
      ...prop('date', item.date),
      ...prop('max-age', item.max_age),
      ...prop('fresh-until', item.fresh_until),
      ...prop('sha256', item.sha256),
    ]),
  };
}

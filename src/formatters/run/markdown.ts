import type { Report } from '../../report/model.js';
import { defineFormatter, type FormatOptions } from '../define-formatter.js';
import { markdownText } from '../text/markdown.js';
import { actionLines } from './markdown/actions.js';
import { attentionLines, otherControlsLines } from './markdown/controls.js';
import { erroredTestLines, exceptionLines, sourceLines, warningLines } from './markdown/problems.js';
import { briefingBlocks } from './markdown/briefing.js';
import { scenariosLines } from './markdown/scenarios.js';
import { headerLines, summaryLines } from './markdown/summary.js';

export default defineFormatter({
  name: 'markdown',
  view: 'run',
  description:
    'The whole report as GitHub-flavoured Markdown, for a pull request comment, a wiki or a hand-over: both lenses counted apart, the exists × works matrix, ' +
    'works by function, paper-only and failing controls first with owner and findings (all of them, or --max-findings per test), the other controls, corrective actions, exceptions and their age by tier, ' +
    'the attack paths step by step. With --brief, the leadership briefing alone: evidence and behaviour metrics in two blocks, the top divergences with their actions, the attack path. ' +
    'Every string from the catalog or the data is escaped to render as written.',
  extension: 'md',
  format(report, options) {
    const blocks = options.brief === undefined ? reportBlocks(report, options) : [briefingHeader(report), ...briefingBlocks(report, options.brief)];
    return `${blocks.filter((block) => block.length > 0).map((block) => block.join('\n')).join('\n\n')}\n`;
  },
});

/** The report's header under the briefing's title. */
function briefingHeader(report: Report): string[] {
  const [, ...facts] = headerLines(report);
  return [`# Briefing: ${markdownText(report.catalog.name)}`, ...facts];
}

function reportBlocks(report: Report, options: FormatOptions): string[][] {
  return [
    headerLines(report),
    summaryLines(report),
    attentionLines(report, options.maxFindings),
    options.onlyFailing ? [] : otherControlsLines(report),
    actionLines(report),
    scenariosLines(report),
    erroredTestLines(report),
    exceptionLines(report),
    sourceLines(report),
    warningLines(report),
  ];
}

// What every part of the terminal table is laid out with: colours, the line width and the findings cut.
import type { ChalkInstance } from 'chalk';
import type { FormatOptions } from '../../define-formatter.js';
import { DEFAULT_WIDTH, MIN_WIDTH } from '../../text/layout.js';

/** Findings listed per test when --max-findings is not given: the table is read on a screen. */
export const TABLE_MAX_FINDINGS = 5;

export interface TableContext {
  chalk: ChalkInstance;
  /** Visible columns a line aims to stay within. */
  width: number;
  /** Findings listed per test (Infinity: all). */
  maxFindings: number;
  /** Where a reader finds the findings the cut leaves out. */
  allFindingsHint: string;
}

/** The layout the options ask for; markdown lists every finding unless --max-findings cut it there too. */
export function tableContext(chalk: ChalkInstance, options: Pick<FormatOptions, 'width' | 'maxFindings'>): TableContext {
  return {
    chalk,
    width: Math.max(MIN_WIDTH, options.width ?? DEFAULT_WIDTH),
    maxFindings: options.maxFindings ?? TABLE_MAX_FINDINGS,
    allFindingsHint: options.maxFindings === undefined ? '--format markdown, csv or json shows all' : '--max-findings all, or --format csv or json, shows all',
  };
}

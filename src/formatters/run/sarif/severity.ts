// A control's risk as code scanning ranks alerts: GitHub reads `security-severity` (0.0–10.0) into its critical,
// high, medium and low bands (≥ 9.0, ≥ 7.0, ≥ 4.0, > 0), and SARIF's `level` decides what fails a check run.
import { RISKS, type Risk } from '../../../core/vocabulary.js';

export type SarifLevel = 'error' | 'warning' | 'note';

const SEVERITY: Readonly<Record<Risk, { score: string; level: SarifLevel }>> = {
  critical: { score: '9.5', level: 'error' },
  high: { score: '8.0', level: 'error' },
  medium: { score: '5.5', level: 'warning' },
  low: { score: '3.0', level: 'note' },
};

/** GitHub's `security-severity` for a risk: a number as a string, in the middle of the risk's band. */
export function securitySeverity(risk: Risk): string {
  return SEVERITY[risk].score;
}

export function levelOf(risk: Risk): SarifLevel {
  return SEVERITY[risk].level;
}

/** The highest of the risks given (RISKS lists the highest first); `low` for none. */
export function highestRisk(risks: readonly Risk[]): Risk {
  return RISKS.find((risk) => risks.includes(risk)) ?? 'low';
}

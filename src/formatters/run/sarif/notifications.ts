// Tests that proved nothing, as SARIF tool notifications: an `error` test could not run, a `vacuous` one examined
// nothing. Neither is a finding about the system, and code scanning must not show either as passing.
import type { ControlResult, TestResult } from '../../../report/model.js';
import { readsText } from '../table/test-details.js';
import { controlProperties, testLocation, type SarifLocation } from './results.js';

export interface SarifNotification {
  level: 'error' | 'warning';
  message: { text: string };
  locations: SarifLocation[];
  associatedRule: { id: string; index: number };
  properties: Record<string, string>;
}

function notificationText(control: ControlResult, test: TestResult): string {
  const what = `${control.id} ${test.check} (${readsText(test)})`;
  return test.status === 'error' ? `${what} could not run: ${test.error ?? 'error'}` : `${what} examined no resources, so it proves nothing`;
}

export function testNotification(control: ControlResult, test: TestResult, ruleIndex: number, catalogPath: string): SarifNotification[] {
  if (test.status !== 'error' && test.status !== 'vacuous') return [];
  return [
    {
      level: test.status === 'error' ? 'error' : 'warning',
      message: { text: notificationText(control, test) },
      locations: [testLocation(catalogPath, test)],
      associatedRule: { id: test.check, index: ruleIndex },
      properties: { ...controlProperties(control), status: test.status },
    },
  ];
}

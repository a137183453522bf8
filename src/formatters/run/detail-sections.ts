// The controls the Markdown and HTML reports show in detail: paper-only, then failing. (The terminal table's
// attention part, table/attention.ts, holds every control that is not assured.)
import type { Assurance } from '../../core/vocabulary.js';
import type { ControlResult, Report } from '../../report/model.js';

/** The sections shown in detail, in order, each with what it means. */
export const DETAIL_SECTIONS: readonly { assurance: Assurance; heading: string; meaning: string }[] = [
  { assurance: 'paper-only', heading: 'Paper-only', meaning: 'evidenced on paper, failing in the data' },
  { assurance: 'failing', heading: 'Failing', meaning: 'neither evidenced nor working' },
];

/** Whether the control is shown in detail rather than only among the other controls. */
export function shownInDetail(control: Pick<ControlResult, 'assurance'>): boolean {
  return DETAIL_SECTIONS.some((section) => section.assurance === control.assurance);
}

/** The detail sections that hold controls, each with its controls in catalog order. */
export function detailSections(report: Pick<Report, 'controls'>): ((typeof DETAIL_SECTIONS)[number] & { controls: ControlResult[] })[] {
  return DETAIL_SECTIONS.map((section) => ({ ...section, controls: report.controls.filter((control) => control.assurance === section.assurance) })).filter(
    (section) => section.controls.length > 0,
  );
}

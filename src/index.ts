// The public API for plugin authors and programmatic use.
export { defineCheck } from './checks/define-check.js';
export type { Check, CheckContext, CheckDefinition, CheckResult, CriteriaSuggestions, Finding } from './checks/define-check.js';
export type { SourceRecordTypes, SourceType } from './sources/define-adapter.js';
export type { CredentialReportRow, AccessKeySlot } from './sources/aws/iam-credential-report.js';
export { loadCatalog } from './catalog/load-catalog.js';
export { runAudit, type AuditOptions } from './engine/run-audit.js';
export { UserError } from './core/errors.js';
export * from './core/vocabulary.js';
export * from './report/model.js';

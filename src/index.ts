// The public API for plugin authors and programmatic use: the define helpers and the shapes they use.
export { defineCheck } from './kit/define-check.js';
export type {
  BatchCheckDefinition,
  Check,
  CheckContext,
  CheckResult,
  CriteriaSuggestions,
  Finding,
  InputRecords,
  InputSpec,
  InputSpecs,
  StreamCheckDefinition,
  VisitorDefinition,
} from './kit/define-check.js';
export { defineSource } from './kit/define-source.js';
export type { BatchSourceDefinition, CoveragePoint, Source, SourceText, StreamSourceDefinition } from './kit/define-source.js';
export { defineProvider } from './kit/define-provider.js';
export type { Provider, ResourceIdGrammar } from './kit/define-provider.js';
export { defineView, type ViewDefinition } from './kit/define-view.js';
export type { RecordType, RecordTypes } from './kit/record-types.js';
export type { IdentityAccount, MfaFactor, MfaStrength } from './kit/views/identity/accounts.js';
export type { IdentitySignIn } from './kit/views/identity/sign-ins.js';
export { durationParam, fixedDurationParam } from './kit/params.js';
export { parseJsonText } from './kit/formats/json.js';
export { parseCsv, type CsvTable } from './kit/formats/csv.js';
export { assertNotEmpty, positionAt } from './kit/formats/text.js';
// The built-in source types' record types come with these (declaration merging into RecordTypes).
export type { BuiltinCheckId, BuiltinProviderId, BuiltinSourceType } from './providers/index.js';
export { loadCatalog } from './catalog/load-catalog.js';
export { runAudit, type AuditOptions } from './engine/run-audit.js';
export { UserError, type Position } from './core/errors.js';
export * from './core/vocabulary.js';
export * from './report/model.js';

import type { Check } from './define-check.js';
import type { Source } from './define-source.js';

/** How a provider's resource ids are shaped, so exception globs that can never match a finding are caught early. */
export interface ResourceIdGrammar {
  /** The fixed start of every id shaped like `example` (`arn:aws:iam:` for an IAM user ARN); undefined when there is none. */
  prefixOf(example: string): string | undefined;
  /** Whether an id starting with `literal` (a glob's text before its first wildcard) can also start with `prefix`. */
  canStartWith(literal: string, prefix: string): boolean;
}

/**
 * A provider: one folder under src/providers (its sources, checks, helpers and export script), or a plugin that
 * ships source types and checks together. What the engine and the report need to know about its data shapes is
 * declared here, never in the generic code.
 */
export interface Provider {
  /** The prefix of its source types and check ids (`aws` for `aws/kms-keys`); `generic` has none. */
  id: string;
  title: string;
  description: string;
  /** The names of a log's coverage scope, in the order its stream sources' `coverage` gives them (AWS: account, region). */
  coverageScope?: readonly string[];
  resourceIds?: ResourceIdGrammar;
  /** Plugins only: the provider's sources and checks (a built-in provider's are found in its folder). */
  sources?: readonly Source[];
  checks?: readonly Check[];
}

export function defineProvider(provider: Provider): Provider {
  return provider;
}

/** The provider an id belongs to: the part before the first `/`, or `generic` for ids without one (`json`, `assert`). */
export function providerIdOf(id: string): string {
  const slash = id.indexOf('/');
  return slash === -1 ? 'generic' : id.slice(0, slash);
}

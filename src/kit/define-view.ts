/**
 * A view: a provider-neutral record shape that several source types can offer (`identity/accounts`), so one
 * generic check serves every provider that offers it. Its record type is added to `RecordTypes` under its id.
 */
export interface ViewDefinition {
  /** `<area>/<name>`, equal to its module's path under src/kit/views (`identity/accounts` is identity/accounts.ts). */
  id: string;
  title: string;
  description: string;
}

export function defineView(definition: ViewDefinition): ViewDefinition {
  return definition;
}

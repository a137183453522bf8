/** One criterion of a framework: a requirement, control or recommendation a catalog maps to. */
export interface Criterion {
  /** Always a string, as written in the framework (`'1.10'`, never the number 1.1). */
  id: string;
  title: string;
  /** The section it belongs to, e.g. `CC6 Logical and Physical Access Controls`. */
  group: string;
  /** CIS profile level, where the framework has them. */
  level?: number;
}

/** A framework a catalog's `mappings` can name by its key, with every criterion id it has. */
export interface Framework {
  key: string;
  title: string;
  criteria: readonly Criterion[];
}

export function defineFramework(framework: Framework): Framework {
  return framework;
}

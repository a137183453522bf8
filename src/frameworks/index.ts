/** Framework keys built into controlproof; criterion-level registries come with the coverage work. */
export const BUILTIN_FRAMEWORKS = {
  soc2: 'SOC 2 Trust Services Criteria (2017, points of focus revised 2022)',
  'pci-dss-4': 'PCI DSS v4.0.1',
  'iso27001-2022': 'ISO/IEC 27001:2022 Annex A',
  'cis-aws-3': 'CIS AWS Foundations Benchmark v3.0.0',
} as const satisfies Readonly<Record<string, string>>;

export type FrameworkKey = keyof typeof BUILTIN_FRAMEWORKS;

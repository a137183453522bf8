// The parts of the OSCAL 1.2 assessment-results model that the oscal format writes (field names as in its JSON
// schema, tests/schemas/oscal_assessment-results_schema-1.2.1.json).

export interface Prop {
  name: string;
  ns: string;
  value: string;
  class?: string;
  remarks?: string;
}

export interface Link {
  href: string;
  rel?: string;
  text?: string;
}

export interface Origin {
  actors: { type: 'tool' | 'party'; 'actor-uuid': string; 'role-id'?: string }[];
}

export interface RelevantEvidence {
  href?: string;
  description: string;
  props?: Prop[];
}

export interface Observation {
  uuid: string;
  title: string;
  description: string;
  props?: Prop[];
  methods: ('TEST' | 'EXAMINE')[];
  origins: Origin[];
  'relevant-evidence'?: RelevantEvidence[];
  collected: string;
  remarks?: string;
}

export interface Finding {
  uuid: string;
  title: string;
  description: string;
  props?: Prop[];
  origins: Origin[];
  target: {
    type: 'objective-id' | 'statement-id';
    'target-id': string;
    title: string;
    props?: Prop[];
    status: { state: 'satisfied' | 'not-satisfied'; reason: 'pass' | 'fail' | 'other'; remarks?: string };
  };
  'related-observations': { 'observation-uuid': string }[];
  'related-risks'?: { 'risk-uuid': string }[];
}

export interface RiskLogEntry {
  uuid: string;
  title: string;
  start: string;
  'status-change': RiskStatus;
}

export type RiskStatus = 'open' | 'deviation-approved';

export interface Risk {
  uuid: string;
  title: string;
  description: string;
  statement: string;
  props?: Prop[];
  status: RiskStatus;
  origins: Origin[];
  deadline?: string;
  remediations?: { uuid: string; lifecycle: 'recommendation'; title: string; description: string }[];
  'risk-log'?: { entries: RiskLogEntry[] };
  'related-observations'?: { 'observation-uuid': string }[];
}

export interface Party {
  uuid: string;
  type: 'organization';
  name: string;
  'email-addresses'?: string[];
}

export interface BackMatterResource {
  uuid: string;
  title: string;
  props?: Prop[];
  rlinks: { href: string; hashes?: { algorithm: 'SHA-256'; value: string }[] }[];
}

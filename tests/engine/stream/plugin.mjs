// A plugin module for tests/engine/stream/pass.test.ts: stream checks that worker threads load by path.
// Plain JS importing the define helper from the sources: workers started from the sources run them through tsx.
import { defineCheck } from '../../../src/kit/define-check.ts';

const common = {
  title: 'Test check',
  description: 'Used by the stream pass tests.',
  inputs: { records: 'aws/cloudtrail-logs' },
  remediation: 'None.',
};

/** Counts records and remembers event ids in file order: shows merge order and the one pass. */
export const countsRecords = defineCheck({
  ...common,
  id: 'test/counts-records',
  visitor: {
    init: () => ({ records: 0, firstIds: [] }),
    visit(state, record) {
      state.records += 1;
      if (state.firstIds.length < 3) state.firstIds.push(record.eventID);
    },
    merge: (a, b) => ({ records: a.records + b.records, firstIds: [...a.firstIds, ...b.firstIds].slice(0, 3) }),
    finish: (state) => ({ examined: state.records, findings: [], metrics: { first: state.firstIds.length } }),
  },
});

/** Throws on the first root event it sees. */
export const throwsOnRoot = defineCheck({
  ...common,
  id: 'test/throws-on-root',
  visitor: {
    init: () => ({ records: 0 }),
    visit(state, record) {
      if (record.userIdentity.type === 'Root') throw new Error(`no root allowed (${record.eventName})`);
      state.records += 1;
    },
    merge: (a, b) => ({ records: a.records + b.records }),
    finish: (state) => ({ examined: state.records, findings: [] }),
  },
});

/** Throws when merging, which happens on the main thread. */
export const throwsInMerge = defineCheck({
  ...common,
  id: 'test/throws-in-merge',
  visitor: {
    init: () => ({ records: 0 }),
    visit(state) {
      state.records += 1;
    },
    merge() {
      throw new Error('cannot merge');
    },
    finish: (state) => ({ examined: state.records, findings: [] }),
  },
});

// Workers load a plugin as the catalog does: its default export.
export default [countsRecords, throwsOnRoot, throwsInMerge];

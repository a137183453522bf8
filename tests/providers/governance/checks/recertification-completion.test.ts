import check from '../../../../src/providers/governance/checks/recertification-completion.js';
import { CheckTester } from '../../../../src/testing/index.js';

new CheckTester(check).run({
  pass: [{ name: 'every record named', records: [{ id: 'item-1', name: 'First item' }], examined: 1 }],
  fail: [
    {
      name: 'one record without a name',
      records: [
        { id: 'item-1', name: 'First item' },
        { id: 'item-2', name: null },
      ],
      findings: [{ resource: 'item-2', message: 'record item-2 has no name' }],
    },
  ],
  vacuous: [{ name: 'no records', records: [] }],
});

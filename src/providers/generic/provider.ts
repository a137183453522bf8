import { defineProvider } from '../../kit/define-provider.js';

export default defineProvider({
  id: 'generic',
  title: 'Generic data',
  description: 'Any JSON, NDJSON, CSV or YAML export, tested with the declarative `assert` check.',
});

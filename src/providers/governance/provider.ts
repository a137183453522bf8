import { defineProvider } from '../../kit/define-provider.js';

export default defineProvider({
  id: 'governance',
  title: 'Governance',
  description: 'The exports of Governance that controlproof reads; add each as a source with `npm run new -- source governance/<name>`.',
});

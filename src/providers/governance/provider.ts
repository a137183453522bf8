import { defineProvider } from '../../kit/define-provider.js';

export default defineProvider({
  id: 'governance',
  title: 'Governance records',
  description:
    'Records that governance processes keep and rarely measure: the exercise register (tabletop exercises, incident simulations, red-team exercises and restore rehearsals with their action items), kept as YAML or CSV by whoever runs the exercises. Its checks are the works lens over the same records an audit accepts as evidence: whether the exercise was held, whether its action items were closed, and whether restores meet the recovery objectives (with AWS Backup restore jobs).',
});

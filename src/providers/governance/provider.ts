import { defineProvider } from '../../kit/define-provider.js';

export default defineProvider({
  id: 'governance',
  title: 'Governance records',
  description:
    'Records that governance processes keep and rarely measure: the exercise register (tabletop exercises, incident simulations, red-team exercises and restore rehearsals with their action items, as YAML or CSV) and access recertification decisions (a CSV contract, Microsoft Entra access reviews via Graph, Okta Identity Governance reviews). Its checks are the works lens over the same records an audit accepts as evidence: whether the exercise was held and its action items closed, whether restores meet the recovery objectives (with AWS Backup restore jobs), whether recertifications were completed by their due date, decided rather than rubber-stamped, and their revocations carried out.',
});

import { defineProvider } from '../../kit/define-provider.js';

export default defineProvider({
  id: 'governance',
  title: 'Governance records',
  description:
    'The records governance processes leave behind: access recertification decisions (a CSV contract, Microsoft Entra access reviews via Graph, Okta Identity Governance reviews), measured for completion by the due date, rubber-stamping and revocations carried out.',
});

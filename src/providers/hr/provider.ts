import { defineProvider } from '../../kit/define-provider.js';

export default defineProvider({
  id: 'hr',
  title: 'HR records',
  description:
    'People as the HR system (Workday, BambooHR, Personio, a spreadsheet) exports them: leavers with their termination time, and an alias table for people whose logins differ from their work e-mail.',
});

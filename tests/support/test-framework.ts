// The testers register their cases with vitest's own describe and it: this suite runs without vitest's globals.
import { describe, it } from 'vitest';
import { useTestFramework } from '../../src/testing/test-framework.js';

useTestFramework({ describe, it });

// `node --import ./list-modules.mjs …`: appends the URL of every module the program loads, one a line, to the file
// named by CONTROLPROOF_MODULE_LIST (start-up tests read it to see what a command imports).
import { register } from 'node:module';

register('./list-modules-hooks.mjs', import.meta.url);

// A plugin for tests/engine/stream-sources.test.ts: a stream source of its own with no provider (so no coverage
// scope), and a check over it. Plain JS importing the define helpers from the sources, as worker threads load it.
import { defineCheck } from '../../src/kit/define-check.ts';
import { defineSource } from '../../src/kit/define-source.ts';

export default [
  defineSource({
    type: 'solo/lines',
    kind: 'stream',
    description: 'One record per non-empty line of text.',
    readFile: (file) => file.text.split('\n').filter((line) => line !== ''),
  }),
  defineCheck({
    id: 'solo/no-todo',
    title: 'No TODO lines',
    description: 'Finds lines that say TODO.',
    inputs: { lines: 'solo/lines' },
    remediation: 'Do what they say.',
    visitor: {
      init: () => ({ lines: 0, todo: [] }),
      visit(state, line) {
        state.lines += 1;
        if (line.startsWith('TODO')) state.todo.push(line);
      },
      merge: (a, b) => ({ lines: a.lines + b.lines, todo: [...a.todo, ...b.todo] }),
      finish: (state) => ({ examined: state.lines, findings: state.todo.map((line) => ({ resource: line, message: `${line} is not done` })) }),
    },
  }),
];

// The loader hook of list-modules.mjs: it sees every ES module and built-in a program imports (and the first file of
// a CommonJS package, whose own requires it does not see).
import { appendFileSync } from 'node:fs';

export async function load(url, context, nextLoad) {
  const list = process.env.CONTROLPROOF_MODULE_LIST;
  if (list) appendFileSync(list, `${url}\n`);
  return nextLoad(url, context);
}

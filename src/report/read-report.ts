// Reading a JSON report back (diff, merge): strictly, so a report of another schema, a cut-short file or any other JSON is an error at its position.
import { UserError } from '../core/errors.js';
import { jsonPathPosition, parseJsonText, validateJson } from '../kit/formats/json.js';
import { readTextFile } from '../kit/files/read-file.js';
import { REPORT_SCHEMA_ID, reportSchema, type Report } from './model.js';

const WRITE_HINT = 'Give a report written by `controlproof run --format json` (or by `controlproof merge`), unedited.';

/** A report's size cap: a run over a large organisation's exports lists many findings, but never gigabytes. */
const REPORT_FILE = {
  bytes: 512 * 1024 * 1024,
  what: 'a report',
  hint: 'A report that large is not one controlproof wrote: check the file.',
  missingHint: 'Check the path: it is relative to the working directory.',
};

/** The report in `text` (shown as `display` in errors), validated against this version's report schema. */
export function parseReport(text: string, display: string): Report {
  const value = parseJsonText(text, display, { hint: WRITE_HINT });
  const schema = typeof value === 'object' && value !== null && !Array.isArray(value) && 'schema' in value ? value.schema : undefined;
  if (schema !== REPORT_SCHEMA_ID) {
    const found = typeof schema === 'string' ? `schema "${schema.slice(0, 60)}"` : 'no report schema';
    throw new UserError(`Expected a controlproof report (schema "${REPORT_SCHEMA_ID}"), found ${found}`, {
      position: { file: display, ...jsonPathPosition(text, schema === undefined ? [] : ['schema']) },
      hint: typeof schema === 'string' && schema.startsWith('controlproof/report@')
        ? `This version of controlproof reads ${REPORT_SCHEMA_ID} only: run the same catalog again with this version to get one.`
        : WRITE_HINT,
    });
  }
  return validateJson(reportSchema, value, text, display, WRITE_HINT);
}

/** Reads and validates the report file at `absolute`. */
export async function readReport(absolute: string, display: string): Promise<Report> {
  const text = await readTextFile(absolute, REPORT_FILE).catch((cause: unknown) => {
    if (cause instanceof UserError) throw new UserError(cause.message, { position: { file: display }, hint: cause.hint ?? WRITE_HINT });
    throw cause;
  });
  return parseReport(text, display);
}

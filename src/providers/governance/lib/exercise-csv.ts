import type { z } from 'zod';
import { UserError } from '../../../core/errors.js';
import { didYouMean } from '../../../core/suggest.js';
import type { SourceText } from '../../../kit/define-source.js';
import { parseCsv, type CsvTable } from '../../../kit/formats/csv.js';
import { describeIssue, formatJsonPath } from '../../../kit/formats/json.js';
import { exerciseSchema, valueAt } from './exercise-contract.js';
import type { LocatedExercise } from './exercise-yaml.js';

/** Exercise columns → contract keys; repeated on every row of an exercise. */
const EXERCISE_COLUMNS: Readonly<Record<string, string>> = {
  exercise_id: 'id',
  date: 'date',
  kind: 'kind',
  outcome: 'outcome',
  title: 'title',
  scenario: 'scenario',
  participants: 'participants',
  resource_type: 'resource_type',
  rto_measured: 'rto_measured',
  rpo_measured: 'rpo_measured',
};
/** Action columns → contract keys: all of them or none. */
const ACTION_COLUMNS: Readonly<Record<string, string>> = { action_id: 'id', action_title: 'title', action_owner: 'owner', action_due: 'due', action_closed: 'closed' };
const REQUIRED = ['exercise_id', 'date', 'kind', 'outcome'];
const LISTS = new Set(['scenario', 'participants']);
const ALL_COLUMNS = [...Object.keys(EXERCISE_COLUMNS), ...Object.keys(ACTION_COLUMNS)];

const HINT =
  'One row per action item, the exercise columns (exercise_id, date, kind, outcome; optional title, scenario, participants, resource_type, rto_measured, rpo_measured) repeated on each; an exercise without actions has one row with the action columns empty. Scenario tags and participants are separated by ";".';

/** One exercise being assembled: its rows (indexes into the table) and its contract value. */
interface Assembly {
  rows: number[];
  value: Record<string, unknown>;
  actionRows: number[];
}

function checkHeader(table: CsvTable): void {
  const unknown = table.header.find((column) => !ALL_COLUMNS.includes(column));
  if (unknown !== undefined) {
    throw new UserError(`Unknown column "${unknown}"`, { position: table.positionOf('header', unknown), hint: didYouMean(unknown, ALL_COLUMNS, `Allowed columns: ${ALL_COLUMNS.join(', ')}.`) });
  }
  const actionColumns = Object.keys(ACTION_COLUMNS);
  const hasActions = actionColumns.some((column) => table.header.includes(column));
  const missing = [...REQUIRED, ...(hasActions ? actionColumns : [])].find((column) => !table.header.includes(column));
  if (missing !== undefined) {
    throw new UserError(`Expected a column "${missing}", found ${table.header.map((column) => `"${column}"`).join(', ')}`, { position: table.positionOf('header', ''), hint: HINT });
  }
}

function cellValue(column: string, cell: string): unknown {
  const trimmed = cell.trim();
  if (trimmed === '') return undefined;
  return LISTS.has(column) ? trimmed.split(';').map((part) => part.trim()).filter((part) => part !== '') : trimmed;
}

function addRow(assembly: Assembly, table: CsvTable, row: number): void {
  const cells = table.rows[row] ?? {};
  const first = assembly.rows[0] ?? row;
  for (const [column, key] of Object.entries(EXERCISE_COLUMNS)) {
    const cell = (cells[column] ?? '').trim();
    const earlier = (table.rows[first]?.[column] ?? '').trim();
    if (cell !== earlier) {
      throw new UserError(`Expected ${column} "${earlier}" as on line ${table.positionOf(first, column).line ?? '?'} for exercise ${String(assembly.value.id)}, found "${cell}"`, {
        position: table.positionOf(row, column),
        hint: HINT,
      });
    }
    const value = cellValue(column, cell);
    if (value !== undefined) assembly.value[key] = value;
  }
  assembly.rows.push(row);
  const action = Object.entries(ACTION_COLUMNS).flatMap(([column, key]) => {
    const value = cellValue(column, cells[column] ?? '');
    return value === undefined ? [] : [[key, value] as const];
  });
  if (action.length === 0) return;
  if ((cells.action_id ?? '').trim() === '') {
    throw new UserError('Expected an action_id on a row with action cells, found an empty cell', { position: table.positionOf(row, 'action_id'), hint: HINT });
  }
  const actions = Array.isArray(assembly.value.actions) ? assembly.value.actions : [];
  assembly.value.actions = [...actions, Object.fromEntries(action)];
  assembly.actionRows.push(row);
}

/** The cell an issue's path points at: an exercise key on the exercise's first row, an action key on the action's row. */
function issueError(issue: z.core.$ZodIssue, table: CsvTable, assembly: Assembly): UserError {
  const [first, index, actionKey] = issue.path;
  const isAction = first === 'actions' && typeof index === 'number';
  const row = isAction ? (assembly.actionRows[index] ?? 0) : (assembly.rows[0] ?? 0);
  const columns = isAction ? ACTION_COLUMNS : EXERCISE_COLUMNS;
  const key = isAction ? actionKey : first;
  const column = Object.keys(columns).find((name) => columns[name] === key) ?? '';
  const message = valueAt(assembly.value, issue.path) === undefined ? 'expected a value, found an empty cell' : issue.message;
  return new UserError(`exercise ${String(assembly.value.id)}, ${formatJsonPath(issue.path)} (column ${column}): ${message}`, { position: table.positionOf(row, column), hint: HINT });
}

/** The exercises of one CSV file, assembled from their rows by exercise_id and validated like a YAML exercise. */
export function readExerciseCsv(file: SourceText): LocatedExercise[] {
  const table = parseCsv(file);
  checkHeader(table);
  const assemblies = new Map<string, Assembly>();
  table.rows.forEach((cells, row) => {
    const id = (cells.exercise_id ?? '').trim();
    if (id === '') throw new UserError('Expected an exercise_id, found an empty cell', { position: table.positionOf(row, 'exercise_id'), hint: HINT });
    const assembly = assemblies.get(id) ?? { rows: [], value: {}, actionRows: [] };
    assemblies.set(id, assembly);
    addRow(assembly, table, row);
  });
  return [...assemblies.values()].map((assembly) => {
    const parsed = exerciseSchema.safeParse(assembly.value, { error: describeIssue });
    const issue = parsed.error?.issues[0];
    if (!parsed.success) throw issue === undefined ? new UserError('Invalid exercise', { position: table.positionOf(assembly.rows[0] ?? 0, ''), hint: HINT }) : issueError(issue, table, assembly);
    return { exercise: parsed.data, idPosition: table.positionOf(assembly.rows[0] ?? 0, 'exercise_id') };
  });
}

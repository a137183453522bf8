import path from 'node:path';
import { UserError, type Position } from '../../../core/errors.js';
import { defineSource, type SourceText } from '../../../kit/define-source.js';
import { CONTRACT_HINT, type Exercise } from '../lib/exercise-contract.js';
import { readExerciseCsv } from '../lib/exercise-csv.js';
import { readExerciseYaml, type LocatedExercise } from '../lib/exercise-yaml.js';

export type { ActionItem, Exercise, ExerciseKind, ExerciseOutcome, RestoreMeasurement } from '../lib/exercise-contract.js';

/** The file's format by its extension, a `.gz` after it aside. */
function readerOf(file: SourceText): (file: SourceText) => LocatedExercise[] {
  const extension = path.extname(file.display.replace(/\.gz$/i, '')).toLowerCase();
  if (extension === '.yaml' || extension === '.yml') return readExerciseYaml;
  if (extension === '.csv') return readExerciseCsv;
  throw new UserError(`Expected an exercise register ending in .yaml, .yml or .csv, found "${path.basename(file.display)}"`, {
    position: { file: file.display },
    hint: `Name the file after its format. ${CONTRACT_HINT}`,
  });
}

/** Where the first of two is, as seen from the second: its line, or its file's name and line. */
function where(first: Position, second: Position): string {
  const line = first.line ?? 1;
  return first.file === second.file ? `on line ${line}` : `in ${path.basename(first.file)}:${line}`;
}

/** Every exercise of every file; an id written twice (in one file or two) is an error at the second. */
function readExercises(files: readonly SourceText[]): Exercise[] {
  const first = new Map<string, LocatedExercise>();
  for (const file of files) {
    for (const located of readerOf(file)(file)) {
      const earlier = first.get(located.exercise.id);
      if (earlier) {
        throw new UserError(`Duplicate exercise id "${located.exercise.id}" (first ${where(earlier.idPosition, located.idPosition)})`, {
          position: located.idPosition,
          hint: 'Exercise ids must be unique across the source\'s files; rename one, or remove the copy.',
        });
      }
      first.set(located.exercise.id, located);
    }
  }
  return [...first.values()].map(({ exercise }) => exercise);
}

export default defineSource({
  type: 'governance/exercises',
  kind: 'batch',
  description:
    'A register of exercises: tabletop exercises, incident simulations, red-team exercises and restore rehearsals, with the action items each raised. ' +
    'A `.yaml`/`.yml` file holds a list of exercises (or `exercises:` holding it), each with `id` (unique across the source), `date`, `kind` (`tabletop`, `incident-simulation`, `red-team`, `restore`), `outcome` (`succeeded`, `partial`, `failed`), ' +
    'and optionally `title`, `scenario` (a list of tags, e.g. `[ransomware]`), `participants` (a list), `actions` (each with `id` unique within the exercise, `title`, `owner`, `due`, and `closed` while empty or null is open) and, for kind `restore` only, ' +
    '`resource_type`, `rto_measured` (time from starting the restore to service back) and `rpo_measured` (age of the data restored), durations in m, h, d or w (`95m`, `3.5h`). Unknown keys are errors at their line and column. ' +
    'A `.csv` file holds one row per action item with the exercise columns repeated: `exercise_id`, `date`, `kind`, `outcome`, optional `title`, `scenario` and `participants` (separated by `;`), `resource_type`, `rto_measured`, `rpo_measured`, ' +
    'and the action columns `action_id`, `action_title`, `action_owner`, `action_due`, `action_closed` (all or none of them); an exercise without actions is one row with the action cells empty, and rows of one exercise must agree on its columns. ' +
    'Dates are YYYY-MM-DD or ISO 8601 date-times with a zone (a time without one is refused). An exercise date alone is 00:00 UTC of that day; a due or closed date alone is the end of that day in UTC, ' +
    'so an item due 2026-06-30 and closed 2026-06-30T23:30:00-05:00 (04:30 UTC the next day) was closed late. One record per exercise.',
  read: readExercises,
});

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'governance/exercises': Exercise;
  }
}

import type { z } from 'zod';
import { UserError, type Position } from '../../../core/errors.js';
import { didYouMean } from '../../../core/suggest.js';
import type { SourceText } from '../../../kit/define-source.js';
import { describeIssue, formatJsonPath } from '../../../kit/formats/json.js';
import { assertNotEmpty } from '../../../kit/formats/text.js';
import { parseYamlFile, type YamlFile } from '../../../kit/formats/yaml.js';
import { ACTION_KEYS, CONTRACT_HINT, EXERCISE_KEYS, exerciseSchema, valueAt, type Exercise } from './exercise-contract.js';

/** An exercise read from a file, with where its id is written (for duplicate ids across files). */
export interface LocatedExercise {
  exercise: Exercise;
  idPosition: Position;
}

function exerciseList(yaml: YamlFile): { items: readonly unknown[]; path: string[] } {
  const { value } = yaml;
  if (Array.isArray(value)) return { items: value, path: [] };
  if (value !== null && typeof value === 'object' && Object.keys(value).length === 1 && 'exercises' in value && Array.isArray(value.exercises)) {
    return { items: value.exercises, path: ['exercises'] };
  }
  throw new UserError('Expected a list of exercises, or a mapping with one key "exercises" holding that list', {
    position: yaml.positionOf([]),
    hint: `Start the file with "- id: TTX-2026-04" or "exercises:". ${CONTRACT_HINT}`,
  });
}

/** The first issue of an exercise, at its key or value in the file, naming the exercise by its id where it has one. */
function issueError(issue: z.core.$ZodIssue, yaml: YamlFile, at: readonly PropertyKey[], item: unknown): UserError {
  const id = item !== null && typeof item === 'object' && 'id' in item && typeof item.id === 'string' ? item.id : undefined;
  const inside = [id === undefined ? `exercises[${String(at.at(-1))}]` : `exercise ${id}`, ...(issue.path.length > 0 ? [formatJsonPath(issue.path)] : [])].join(', ');
  const path = [...at, ...issue.path];
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const known = issue.path[0] === 'actions' ? ACTION_KEYS : EXERCISE_KEYS;
    return new UserError(`Unknown key "${key}" in ${inside}`, { position: yaml.positionOf(path, key), hint: didYouMean(key, known, `Allowed keys: ${known.join(', ')}.`) });
  }
  const message = issue.code === 'invalid_value' && valueAt(item, issue.path) === undefined ? `missing (expected one of ${issue.values.join(', ')})` : issue.message;
  return new UserError(`${inside}: ${message}`, { position: yaml.positionOf(path), hint: CONTRACT_HINT });
}

/** The exercises of one YAML file: a list of exercises (or `exercises:` holding it), each validated strictly. */
export function readExerciseYaml(file: SourceText): LocatedExercise[] {
  assertNotEmpty(file, 'a YAML list of exercises');
  const yaml = parseYamlFile(file.text, file.display);
  const list = exerciseList(yaml);
  return list.items.map((item, index) => {
    const at = [...list.path, index];
    const parsed = exerciseSchema.safeParse(item, { error: describeIssue });
    const issue = parsed.error?.issues[0];
    if (!parsed.success) throw issue === undefined ? new UserError('Invalid exercise', { position: yaml.positionOf(at), hint: CONTRACT_HINT }) : issueError(issue, yaml, at, item);
    return { exercise: parsed.data, idPosition: yaml.positionOf([...at, 'id']) };
  });
}

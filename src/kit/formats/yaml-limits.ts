import { isAlias, isMap, isScalar, isSeq, Scalar, type Document, type Node } from 'yaml';
import { UserError, type Position } from '../../core/errors.js';

/**
 * Levels of lists and mappings inside one another a YAML file may have, aliases expanded. Catalogs need about 8 and
 * real exports a few more; the `yaml` library composes recursively and overflows the stack somewhere near 800 levels.
 */
export const MAX_YAML_DEPTH = 100;

/**
 * Values aliases may add to a file, counted as a reader walking the result would meet them: each alias repeats its
 * anchor's whole value, and anchors holding aliases multiply (the "billion laughs" attack). A catalog that aliases an
 * owner or a mapping list per control adds a few thousand.
 */
export const MAX_ALIAS_VALUES = 100_000;

const CORE_TAGS = new Set(['!', ...['str', 'int', 'float', 'bool', 'null', 'seq', 'map'].map((name) => `tag:yaml.org,2002:${name}`)]);

type At = (offset: number) => Position;

export function depthError(position: Position, through?: string): UserError {
  const alias = through === undefined ? '' : ` once alias *${through} is expanded`;
  return new UserError(`Too deeply nested: more than ${MAX_YAML_DEPTH} levels of lists and mappings${alias}`, {
    position,
    hint: 'Real catalogs and exports nest a few levels; flatten this part of the file.',
  });
}

/** What walking a value meets: its nesting height (0 for a scalar) and how many values it holds, itself included. */
interface Extent {
  height: number;
  values: number;
}

const SCALAR: Extent = { height: 0, values: 1 };
const NOTHING: Extent = { height: 0, values: 0 };

interface Frame {
  node: Node;
  children: readonly unknown[];
  next: number;
  /** Levels of lists and mappings this one is at: 1 for a top-level one. */
  level: number;
  height: number;
  values: number;
}

/**
 * Checks a composed document before it becomes a value: no merge keys, no tag outside the core schema, and aliases
 * that refer to a finished value, stay within `MAX_YAML_DEPTH` once expanded and add at most `MAX_ALIAS_VALUES`.
 * Iterative, in document order, so an alias resolves to the anchor the `yaml` library would pick.
 */
export function checkYamlNodes(doc: Document, at: At): void {
  new NodeWalk(at).run(doc.contents);
}

class NodeWalk {
  private readonly anchors = new Map<string, Node>();
  private readonly extents = new Map<Node, Extent>();
  private readonly open = new Set<Node>();
  private readonly frames: Frame[] = [];
  private added = 0;

  constructor(private readonly at: At) {}

  run(root: unknown): void {
    this.visit(root, 0);
    for (let frame = this.frames.at(-1); frame; frame = this.frames.at(-1)) {
      if (frame.next < frame.children.length) {
        const extent = this.visit(frame.children[frame.next], frame.level);
        frame.next += 1;
        if (extent) this.add(frame, extent);
        continue;
      }
      this.frames.pop();
      this.open.delete(frame.node);
      const extent = { height: frame.height + 1, values: frame.values + 1 };
      if (frame.node.anchor) this.extents.set(frame.node, extent);
      const parent = this.frames.at(-1);
      if (parent) this.add(parent, extent);
    }
  }

  private add(frame: Frame, extent: Extent): void {
    frame.height = Math.max(frame.height, extent.height);
    frame.values += extent.values;
  }

  /** A scalar's or an alias's extent; a list or mapping is opened as a frame instead (undefined). */
  private visit(node: unknown, level: number): Extent | undefined {
    if (isAlias(node)) return this.alias(node.source, rangeStart(node), level);
    if (!isScalar(node) && !isMap(node) && !isSeq(node)) return NOTHING;
    if (node.tag !== undefined && !CORE_TAGS.has(node.tag)) throw unsupportedTag(node.tag, this.at(rangeStart(node)));
    if (node.anchor) this.anchors.set(node.anchor, node);
    if (isScalar(node)) {
      if (node.anchor) this.extents.set(node, SCALAR);
      return SCALAR;
    }
    const children = isSeq(node) ? node.items : node.items.flatMap((pair) => [pair.key, pair.value]);
    if (isMap(node)) for (const pair of node.items) if (isMergeKey(pair.key)) throw mergeKeyError(this.at(rangeStart(pair.key)));
    this.open.add(node);
    this.frames.push({ node, children, next: 0, level: level + 1, height: 0, values: 0 });
    return undefined;
  }

  private alias(name: string, offset: number, level: number): Extent {
    const source = this.anchors.get(name);
    if (source === undefined) {
      throw new UserError(`Unknown alias *${name}: no anchor &${name} comes before it`, {
        position: this.at(offset),
        hint: `Set the anchor (&${name}) on a value above this line, or check the spelling of the alias.`,
      });
    }
    if (this.open.has(source)) {
      throw new UserError(`Invalid alias *${name}: it refers to a value that contains it`, {
        position: this.at(offset),
        hint: 'An alias must refer to a value that ends before it; a structure that contains itself cannot be read.',
      });
    }
    const extent = this.extents.get(source) ?? SCALAR;
    if (level + extent.height > MAX_YAML_DEPTH) throw depthError(this.at(offset), name);
    this.added += extent.values;
    if (this.added > MAX_ALIAS_VALUES) {
      throw new UserError(`Excessive aliasing: aliases expand this file by more than ${MAX_ALIAS_VALUES} values`, {
        position: this.at(offset),
        hint: 'Each alias repeats the whole value of its anchor, and aliases of anchors that hold aliases multiply; write the values out, or alias less.',
      });
    }
    return extent;
  }
}

/** A plain `<<` key: a merge key in YAML 1.1; a quoted "<<" is an ordinary key. */
function isMergeKey(key: unknown): key is Scalar {
  return isScalar(key) && key.type === Scalar.PLAIN && key.value === '<<';
}

function mergeKeyError(position: Position): UserError {
  return new UserError('Unsupported merge key <<: YAML 1.2 has no merge keys', {
    position,
    hint: 'Write the keys out in each mapping (an alias can still repeat one whole value, e.g. owner: *security), or quote "<<" for a key of that name.',
  });
}

/** A tag the core schema does not have, named as written (`!!js/function`, `!vault`) where the text shows it. */
export function unsupportedTag(tag: string, position: Position): UserError {
  return new UserError(`Unsupported tag ${tag}: only the tags of the YAML 1.2 core schema are read`, {
    position,
    hint: 'Remove the tag. The core tags are !!str, !!int, !!float, !!bool, !!null, !!seq and !!map; nothing in a file is ever run or built from a tag.',
  });
}

/** A core tag on a value it does not fit (`!!int abc`, `!!str {a: 1}`). */
export function mismatchedTag(tag: string, position: Position): UserError {
  return new UserError(`Invalid value for tag ${tag}`, { position, hint: 'Remove the tag, or write a value of its type.' });
}

/** Whether a resolved tag name is one of the core schema's (or the non-specific `!`). */
export function isCoreTag(tag: string): boolean {
  return CORE_TAGS.has(tag);
}

function rangeStart(node: unknown): number {
  return (isScalar(node) || isMap(node) || isSeq(node) || isAlias(node)) && node.range ? node.range[0] : 0;
}

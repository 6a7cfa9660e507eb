import {
  CORE_SCHEMA,
  YAMLException,
  constructFromEvents,
  defineMappingTag,
  defineScalarTag,
  defineSequenceTag,
  mergeTag,
  parseEvents,
  type Event,
  type TagDefinition,
} from 'js-yaml';
import type { Json } from '../model/source.js';
import { CFN_SHORT_TAGS, shortTag, splitGetAtt } from './cfn-tags.js';
import { MAX_DEPTH, aliasExpansionLimit } from './limits.js';
import { YamlIndex } from './yaml-index.js';

export type ParsedYaml =
  | { ok: true; value: Json; duplicates: { key: string; start: number; end: number }[]; events: Event[] }
  | { ok: false; kind: 'empty' }
  | { ok: false; kind: 'multi'; documents: Json[] }
  | { ok: false; kind: 'error'; message: string; offset?: number; limit: boolean };

type Obj = { [key: string]: Json };

function setKey(target: Obj, key: unknown, value: unknown): void {
  const k = String(key);
  if (k === '__proto__') Object.defineProperty(target, k, { value, enumerable: true, writable: true, configurable: true });
  else target[k] = value as Json;
}

/** js-yaml tag definitions: each short form builds the same long-form object as JSON templates have. */
function cfnTagDefinitions(): TagDefinition[] {
  const defs: TagDefinition[] = [];
  for (const { tag, key, kinds } of CFN_SHORT_TAGS) {
    if (kinds.includes('scalar')) {
      defs.push(
        defineScalarTag<Json>(tag, {
          resolve: key === 'Fn::GetAtt' ? (source) => ({ [key]: splitGetAtt(source) }) : (source) => ({ [key]: source }),
          identify: () => false,
        }),
      );
    }
    if (kinds.includes('sequence')) {
      defs.push(
        defineSequenceTag<Json[], Json>(tag, {
          create: () => [],
          addItem: (carrier, item) => {
            carrier.push(item as Json);
          },
          finalize: (carrier) => ({ [key]: carrier }),
          identify: () => false,
        }),
      );
    }
    if (kinds.includes('mapping')) {
      defs.push(
        defineMappingTag<Obj, Json>(tag, {
          create: () => ({}),
          addPair: (carrier, k, v) => {
            setKey(carrier, k, v);
            return '';
          },
          has: (carrier, k) => Object.prototype.hasOwnProperty.call(carrier, String(k)),
          keys: (result) => Object.keys((result as Obj)[key] as Obj),
          get: (result, k) => ((result as Obj)[key] as Obj)[String(k)],
          finalize: (carrier) => ({ [key]: carrier }),
          identify: () => false,
        }),
      );
    }
  }
  return defs;
}

// Merge keys (`<<: *defaults`): CloudFormation itself refuses aliases, but `aws cloudformation package`
// and `sam deploy` expand anchors, aliases and merges before the template is sent, so such templates exist.
const SCHEMA = CORE_SCHEMA.withTags(mergeTag, ...cfnTagDefinitions());
const ANCHOR = /(?:^|[\s[{,])&[^\s[\]{},]/m;

/**
 * js-yaml with the CloudFormation tags. Duplicate keys do not abort the file: it is read again with the
 * last value winning, and the duplicates are returned for warnings. Aliases are checked for runaway
 * expansion and nesting before anyone walks the data.
 */
export function parseYaml(text: string): ParsedYaml {
  // One parse: the events build the data here and, later, the positions and comments of the document.
  let events: Event[];
  try {
    events = parseEvents(text, { maxDepth: MAX_DEPTH + 1 });
  } catch (e) {
    return failure(e);
  }
  // Merged keys are copied one by one: the same budget as alias expansion, not js-yaml's fixed 10,000.
  const maxTotalMergeKeys = aliasExpansionLimit(text.length);
  let documents: Json[];
  let duplicates: { key: string; start: number; end: number }[] = [];
  try {
    documents = constructFromEvents(events, { source: text, schema: SCHEMA, maxTotalMergeKeys }) as Json[];
  } catch (e) {
    if (!(e instanceof YAMLException && e.reason === 'duplicated mapping key')) return failure(e);
    try {
      documents = constructFromEvents(events, { source: text, schema: SCHEMA, json: true, maxTotalMergeKeys }) as Json[];
    } catch (again) {
      return failure(again);
    }
    duplicates = YamlIndex.fromEvents(text, events, true).duplicates;
  }
  if (documents.length === 0) return { ok: false, kind: 'empty' };
  const [first, ...rest] = documents;
  if (rest.length > 0) {
    // A document followed only by empty ones (a trailing `---`) is that document.
    if (first === null || first === undefined || !rest.every((d) => d === null || d === undefined)) {
      return { ok: false, kind: 'multi', documents };
    }
  }
  const value = first as Json;
  if (ANCHOR.test(text)) {
    const problem = expansionProblem(value, aliasExpansionLimit(text.length));
    if (problem) return { ok: false, kind: 'error', message: problem, limit: true };
  }
  return { ok: true, value, duplicates, events };
}

function failure(e: unknown): ParsedYaml {
  if (e instanceof YAMLException) {
    const limit = /maxDepth|maxAliases|maxTotalMergeKeys/.test(e.reason);
    return { ok: false, kind: 'error', message: explainReason(e.reason), offset: e.mark?.position, limit };
  }
  if (e instanceof RangeError) return { ok: false, kind: 'error', message: `nesting is deeper than ${MAX_DEPTH} levels`, limit: true };
  return { ok: false, kind: 'error', message: e instanceof Error ? e.message : String(e), limit: false };
}

const KIND_WORD: Record<string, string> = { scalar: 'a scalar', sequence: 'a sequence', mapping: 'a mapping' };

/** js-yaml's messages about tags name internal forms; say what the template author must change. */
function explainReason(reason: string): string {
  if (/^nesting exceeded maxDepth/.test(reason)) return `nesting is deeper than ${MAX_DEPTH} levels`;
  const merges = /^merge keys exceeded maxTotalMergeKeys \((\d+)\)/.exec(reason);
  if (merges) return `merge keys (\`<<\`) copy more than ${merges[1]} keys in all (a merge bomb)`;
  const wrongKind = /^unknown (scalar|sequence|mapping) tag !<(.*)>$/.exec(reason) ?? /^cannot resolve a node with !<(.*)> explicit tag$/.exec(reason);
  if (wrongKind) {
    const used = wrongKind.length === 3 ? wrongKind[1]! : 'scalar';
    const tagName = wrongKind.length === 3 ? wrongKind[2]! : wrongKind[1]!;
    const known = shortTag(tagName);
    if (!known) return `unknown tag ${tagName}`;
    return `${tagName} cannot be written on ${KIND_WORD[used]}: CloudFormation takes it on ${known.kinds.map((k) => KIND_WORD[k]).join(' or ')}`;
  }
  return reason;
}

/**
 * js-yaml shares the object an alias points at, so parsing an alias bomb is cheap but every later walk
 * is exponential (and a recursive alias makes a cycle). Walk the data once, counting nodes as later
 * walks will see them, and stop at the limit.
 */
function expansionProblem(root: Json, limit: number): string | undefined {
  const stack: Json[] = [root];
  const depths: number[] = [0];
  let count = 0;
  while (stack.length > 0) {
    const v = stack.pop()!;
    const depth = depths.pop()!;
    if (++count > limit) {
      return `YAML aliases expand to more than ${limit} nodes (an alias bomb or a recursive alias): repeat the values instead of aliasing them`;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= MAX_DEPTH) return `nesting through aliases is deeper than ${MAX_DEPTH} levels`;
    const children = Array.isArray(v) ? v : Object.values(v);
    for (const c of children) {
      stack.push(c);
      depths.push(depth + 1);
    }
  }
  return undefined;
}

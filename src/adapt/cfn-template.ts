import { Node } from '../model/node.js';
import type { SourceDocument } from '../model/source.js';

/** The template sections the resolver and the views read: parameters, mappings and the resource ids. */
export interface CfnTemplate {
  readonly doc: SourceDocument;
  readonly root: Node;
  /** Parameter name → its definition (`Parameters/<name>`). */
  readonly parameters: ReadonlyMap<string, Node>;
  readonly mappings: Node | undefined;
  /** Logical id → `Type` (undefined when the entry has none), for every entry of `Resources`. */
  readonly resourceTypes: ReadonlyMap<string, string | undefined>;
}

export const PSEUDO_PARAMETERS: ReadonlySet<string> = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

/**
 * `Fn::ForEach::Name` loops (AWS::LanguageExtensions) and `Fn::Transform` includes written where
 * resources or outputs are: expanded at deploy time, not resources themselves.
 */
export function isFunctionKey(key: string): boolean {
  return key.startsWith('Fn::');
}

export function readTemplate(doc: SourceDocument): CfnTemplate {
  const root = Node.root(doc);
  const parameters = new Map<string, Node>();
  for (const [name, def] of root.get('Parameters')?.entries() ?? []) if (def.isObject) parameters.set(name, def);
  const resourceTypes = new Map<string, string | undefined>();
  for (const [id, def] of root.get('Resources')?.entries() ?? []) {
    if (isFunctionKey(id)) continue;
    const type = def.get('Type')?.value;
    resourceTypes.set(id, typeof type === 'string' ? type : undefined);
  }
  const mappings = root.get('Mappings');
  return { doc, root, parameters, mappings: mappings?.isObject ? mappings : undefined, resourceTypes };
}

/** `Fn::GetAtt` argument, `[Resource, Attribute]` or the short form `Resource.Attribute`. */
export function getAttParts(arg: Node): { id: string; attribute?: string } | undefined {
  if (typeof arg.value === 'string') {
    const dot = arg.value.indexOf('.');
    if (dot <= 0) return { id: arg.value };
    return { id: arg.value.slice(0, dot), attribute: arg.value.slice(dot + 1) };
  }
  const id = arg.get(0)?.value;
  if (typeof id !== 'string') return undefined;
  const attribute = arg.get(1)?.value;
  return { id, attribute: typeof attribute === 'string' ? attribute : undefined };
}

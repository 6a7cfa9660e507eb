/** YAML node kinds a CloudFormation short-form tag may be written on. */
export type TagKind = 'scalar' | 'sequence' | 'mapping';

export interface CfnShortTag {
  /** The YAML tag, `!Ref`. */
  tag: string;
  /** The long-form key it stands for, `Ref` or `Fn::Sub`. */
  key: string;
  kinds: readonly TagKind[];
}

const S: TagKind = 'scalar';
const Q: TagKind = 'sequence';
const M: TagKind = 'mapping';

/** Every short form CloudFormation accepts, with the node kinds it accepts them on. */
export const CFN_SHORT_TAGS: readonly CfnShortTag[] = [
  { tag: '!Ref', key: 'Ref', kinds: [S] },
  { tag: '!Condition', key: 'Condition', kinds: [S] },
  fn('And', [Q]),
  fn('Base64', [S, M]),
  fn('Cidr', [Q]),
  fn('Contains', [Q]),
  fn('EachMemberEquals', [Q]),
  fn('EachMemberIn', [Q]),
  fn('Equals', [Q]),
  fn('FindInMap', [Q]),
  fn('GetAtt', [S, Q]),
  fn('GetAZs', [S, M]),
  fn('If', [Q]),
  fn('ImportValue', [S, M]),
  fn('Join', [Q]),
  fn('Length', [Q, M]),
  fn('Not', [Q]),
  fn('Or', [Q]),
  fn('RefAll', [S]),
  fn('Select', [Q]),
  fn('Split', [Q]),
  fn('Sub', [S, Q]),
  fn('ToJsonString', [Q, M]),
  fn('Transform', [M]),
  fn('ValueOf', [Q]),
  fn('ValueOfAll', [Q]),
];

function fn(name: string, kinds: TagKind[]): CfnShortTag {
  return { tag: `!${name}`, key: `Fn::${name}`, kinds };
}

const byTag = new Map(CFN_SHORT_TAGS.map((t) => [t.tag, t]));

export function shortTag(tag: string | undefined): CfnShortTag | undefined {
  return tag === undefined ? undefined : byTag.get(tag);
}

/** `!GetAtt Res.Attr.Sub` → `['Res', 'Attr.Sub']`: the logical id has no dots, the attribute may. */
export function splitGetAtt(text: string): string[] {
  const dot = text.indexOf('.');
  return dot === -1 ? [text] : [text.slice(0, dot), text.slice(dot + 1)];
}

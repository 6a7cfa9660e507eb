/**
 * The `Fn::Sub` template grammar: `${Name}` and `${Resource.Attribute}` are placeholders, `${!Text}`
 * is the literal `${Text}`. `raw` keeps each part as written, for partial values.
 */
export type SubPart = { kind: 'text'; text: string; raw: string } | { kind: 'var'; name: string; raw: string };

export function parseSub(template: string): SubPart[] {
  const parts: SubPart[] = [];
  let text = '';
  let raw = '';
  let i = 0;
  const flush = () => {
    if (raw) parts.push({ kind: 'text', text, raw });
    text = '';
    raw = '';
  };
  while (i < template.length) {
    const open = template.indexOf('${', i);
    const close = open < 0 ? -1 : template.indexOf('}', open + 2);
    if (open < 0 || close < 0) {
      text += template.slice(i);
      raw += template.slice(i);
      break;
    }
    text += template.slice(i, open);
    raw += template.slice(i, open);
    const inner = template.slice(open + 2, close);
    const written = template.slice(open, close + 1);
    if (inner.startsWith('!')) {
      text += '${' + inner.slice(1) + '}';
      raw += written;
    } else {
      flush();
      parts.push({ kind: 'var', name: inner.trim(), raw: written });
    }
    i = close + 1;
  }
  flush();
  return parts;
}

/** The placeholder names of a template (`X`, `X.Arn`, `AWS::Region`), without escapes. */
export function subNames(template: string): string[] {
  return parseSub(template).flatMap((p) => (p.kind === 'var' ? [p.name] : []));
}

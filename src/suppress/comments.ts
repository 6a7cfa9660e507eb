import type { SourceDocument } from '../model/source.js';
import { parseDirective } from './directive.js';
import { firstContentLine, locateComment } from './locate.js';
import type { CollectedSuppressions, SuppressionEntry, SuppressionScope } from './types.js';

const KNOWN = 'use iamlint-disable-next-line, iamlint-disable-line, iamlint-disable, iamlint-enable or iamlint-disable-file';

/** Suppressions written as `#` comments in a YAML document. */
export function commentSuppressions(doc: SourceDocument): CollectedSuppressions {
  const out: CollectedSuppressions = { entries: [], problems: [] };
  const comments = doc.comments?.('iamlint-') ?? [];
  if (!comments.some((c) => c.text.includes('iamlint-'))) return out;

  const ownLine = new Set(comments.filter((c) => c.ownLine).map((c) => c.line));
  const seen = new Map<string, number>();
  const open: { entry: SuppressionEntry; scope: Extract<SuppressionScope, { kind: 'range' }> }[] = [];
  let leadingEnd: number | undefined;

  for (const c of comments) {
    const d = parseDirective(c.text);
    if (!d) continue;
    const occurrence = (seen.get(d.text) ?? 0) + 1;
    seen.set(d.text, occurrence);
    const stable = `comment:${d.text}:${occurrence}`;
    const where = () => locateComment(doc, c.line, c.text);
    const problem = (message: string) => out.problems.push({ file: doc.file, message, stableKey: stable, locate: where });

    if (d.kind === 'unknown') {
      problem(`The comment \`${d.word}\` on line ${c.line} is not an iamlint directive and suppresses nothing; ${KNOWN}.`);
      continue;
    }
    if (d.kind === 'enable') {
      const closing = open.filter((o) => d.rules.length === 0 || d.rules.includes(o.entry.ruleId));
      if (!closing.length) {
        const what = d.rules.length ? ` ${d.rules.join(', ')}` : '';
        problem(`The iamlint-enable${what} comment on line ${c.line} has no matching iamlint-disable above it; remove it.`);
        continue;
      }
      for (const o of closing) {
        o.scope.to = c.line - 1;
        open.splice(open.indexOf(o), 1);
      }
      continue;
    }

    let scope: () => SuppressionScope;
    switch (d.kind) {
      case 'disable-next-line': {
        let target = c.line + 1;
        while (ownLine.has(target)) target++;
        scope = () => ({ kind: 'line', line: target });
        break;
      }
      case 'disable-line':
        if (c.ownLine) {
          problem(`The iamlint-disable-line comment on line ${c.line} is alone on its line and suppresses nothing; put it after the code it covers or use iamlint-disable-next-line.`);
          continue;
        }
        scope = () => ({ kind: 'line', line: c.line });
        break;
      case 'disable':
        scope = () => ({ kind: 'range', from: c.line + 1, to: Number.POSITIVE_INFINITY });
        break;
      case 'disable-file':
        leadingEnd ??= firstContentLine(doc);
        if (c.line > leadingEnd) {
          problem(`The iamlint-disable-file comment on line ${c.line} is below the first line of content and is ignored; move it into the comment block at the top of the file.`);
          continue;
        }
        scope = () => ({ kind: 'file' });
        break;
    }
    const directive = `${doc.file}:${c.line}:${d.kind}`;
    for (const ruleId of d.rules.length ? d.rules : ['*']) {
      const entry: SuppressionEntry = {
        file: doc.file,
        ruleId,
        scope: scope(),
        origin: 'comment',
        reason: d.reason,
        expires: d.expires,
        badExpiry: d.badExpiry,
        directive,
        describe: `iamlint-${d.kind} comment on line ${c.line}`,
        stableKey: `${stable}:${ruleId}`,
        locate: where,
      };
      out.entries.push(entry);
      if (d.kind === 'disable') open.push({ entry, scope: entry.scope as Extract<SuppressionScope, { kind: 'range' }> });
    }
  }
  return out;
}

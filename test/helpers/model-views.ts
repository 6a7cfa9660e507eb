import type { Launcher, Model, PolicyDocument, Role } from '../../src/model/model.js';
import type { Node } from '../../src/model/node.js';
import type { Value } from '../../src/model/value.js';

/** Views of a model by id or label, failing loudly (with what there is) when absent. */
export function launcher(m: Model, id: string): Launcher {
  const l = m.launchers.find((x) => x.resource.id === id);
  if (!l) throw new Error(`no launcher ${id}`);
  return l;
}

export function role(m: Model, id: string): Role {
  const r = m.roles.find((x) => x.resource.id === id);
  if (!r) throw new Error(`no role ${id}`);
  return r;
}

export function policy(m: Model, label: string): PolicyDocument {
  const p = m.policies.find((x) => x.label === label);
  if (!p) throw new Error(`no policy "${label}" in ${m.policies.map((x) => x.label).join(', ')}`);
  return p;
}

/** State, value/partial and where each value sits, for compact assertions. */
export function shape(values: readonly Value[], at: (n: Node) => string = (n) => n.pointer()): unknown[] {
  return values.map((v) =>
    v.state === 'known'
      ? { known: v.value, at: at(v.node) }
      : v.state === 'unknown'
        ? { unknown: v.partial ?? v.reason, at: at(v.node) }
        : { absent: at(v.node) },
  );
}

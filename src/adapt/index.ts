import type { Model } from '../model/model.js';
import type { SourceDocument } from '../model/source.js';
import { adaptCloudFormation } from './cloudformation.js';
import { adaptPolicyFile } from './policy-file.js';
import { adaptTerraformConfig } from './terraform-config.js';
import { adaptTerraformPlan } from './terraform-plan.js';

/**
 * One model from documents of one format: a single template, plan or policy file, or all `.tf.json`
 * files of one Terraform module (one directory).
 */
export function adapt(docs: SourceDocument[]): Model {
  const first = docs[0];
  if (!first) throw new Error('adapt() needs at least one document');
  switch (first.format) {
    case 'cloudformation-yaml':
    case 'cloudformation-json':
      return adaptCloudFormation(first);
    case 'terraform-json':
      return adaptTerraformConfig(docs);
    case 'terraform-plan':
    case 'terraform-state':
      return adaptTerraformPlan(first);
    case 'iam-policy':
      return adaptPolicyFile(first);
    case 'source':
      throw new Error('source files are read by the ESLint plugin, not by adapt()');
  }
}

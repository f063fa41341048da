import Ajv, { type ValidateFunction } from 'ajv';
import spec from 'ask-smapi-model/spec.json';

/**
 * The skill manifest's JSON schema as Amazon's SMAPI model publishes it (ask-smapi-model's spec.json, a
 * Swagger 2.0 document whose definitions are JSON Schema). Formats are not checked (the spec names some
 * ajv does not know, like "ISO 4217 format"); types, required fields, patterns and enums are.
 */
let validate: ValidateFunction | undefined;

/** What is wrong with a skill.json envelope ({ manifest }) by the SMAPI schema: empty when it conforms. */
export function manifestProblems(skillJson: unknown): string[] {
  validate ??= new Ajv({ strict: false, allErrors: true, validateFormats: false, logger: false }).compile({
    $ref: '#/definitions/v1.skill.Manifest.SkillManifestEnvelope',
    definitions: (spec as { definitions: Record<string, unknown> }).definitions,
  });
  if (validate(skillJson)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? error.keyword}`);
}

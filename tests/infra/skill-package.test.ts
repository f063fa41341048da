import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  buildSkillPackage,
  checkExamplePhrases,
  PackageResult,
  SKILL_LOCALES,
  SkillPackageError,
  utterancesOfExamplePhrase,
} from '../../infra/package-skill';

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:LegCrampSkill-SkillFunction-abc123';

let dir: string;
let result: PackageResult;
let skill: any;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'skill-package-'));
  result = buildSkillPackage(path.join(dir, 'out'), ARN);
  skill = JSON.parse(readFileSync(result.skillJsonPath, 'utf8'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const model = (locale: string) => JSON.parse(readFileSync(result.modelPaths[locale], 'utf8'));

test('skill.json is valid JSON with manifestVersion 1.0', () => {
  expect(skill.manifest.manifestVersion).toBe('1.0');
});

test('every locale is in the manifest', () => {
  expect(Object.keys(skill.manifest.publishingInformation.locales).sort()).toEqual([...SKILL_LOCALES].sort());
});

test('every locale has an interaction model that parses', () => {
  const files = readdirSync(path.join(dir, 'out', 'interactionModels', 'custom')).sort();
  expect(files).toEqual(SKILL_LOCALES.map((l) => `${l}.json`).sort());
  for (const locale of SKILL_LOCALES) expect(model(locale).interactionModel.languageModel.invocationName).toBe('leg cramp helper');
});

test('every locale has a name, a health disclaimer and at most 3 example phrases', () => {
  for (const locale of SKILL_LOCALES) {
    const l = skill.manifest.publishingInformation.locales[locale];
    expect(l.name).toBe('Leg Cramp Helper');
    expect(l.description).toMatch(/not medical advice/i);
    expect(l.examplePhrases.length).toBeGreaterThan(0);
    expect(l.examplePhrases.length).toBeLessThanOrEqual(3);
  }
});

test('example phrases are sample utterances of the packaged models', () => {
  for (const locale of SKILL_LOCALES) {
    const lm = model(locale).interactionModel.languageModel;
    const samples = new Set<string>(lm.intents.flatMap((i: { samples?: string[] }) => i.samples ?? []));
    for (const phrase of skill.manifest.publishingInformation.locales[locale].examplePhrases) {
      const candidates = utterancesOfExamplePhrase(phrase, lm.invocationName);
      expect(candidates).toBeDefined();
      expect(candidates!.some((u) => u === '' || samples.has(u))).toBe(true);
    }
  }
});

test('the endpoint uri is the function ARN', () => {
  expect(skill.manifest.apis.custom.endpoint.uri).toBe(ARN);
});

test('the events endpoint is the function ARN', () => {
  expect(skill.manifest.events.endpoint.uri).toBe(ARN);
});

test('subscribes to SKILL_DISABLED', () => {
  expect(skill.manifest.events.subscriptions).toEqual(expect.arrayContaining([{ eventName: 'SKILL_DISABLED' }]));
});

test('health category, no purchases, no personal info, not child-directed', () => {
  expect(skill.manifest.publishingInformation.category).toBe('HEALTH_AND_FITNESS');
  expect(skill.manifest.privacyAndCompliance).toEqual(
    expect.objectContaining({ allowsPurchases: false, usesPersonalInfo: false, isChildDirected: false, containsAds: false }),
  );
});

test('rejects an example phrase that is not a sample utterance', () => {
  const m = model('en-US');
  expect(() => checkExamplePhrases('en-US', ['Alexa, ask leg cramp helper to sing a song'], m)).toThrow(SkillPackageError);
  expect(() => checkExamplePhrases('en-US', ['Alexa, ask some other skill what causes leg cramps'], m)).toThrow(/must start with/);
});

test('rejects a malformed ARN', () => {
  expect(() => buildSkillPackage(path.join(dir, 'bad'), 'not-an-arn')).toThrow(/not a Lambda function ARN/);
});

test('without an ARN it keeps the placeholder and warns', () => {
  const r = buildSkillPackage(path.join(dir, 'placeholder'));
  expect(JSON.parse(readFileSync(r.skillJsonPath, 'utf8')).manifest.apis.custom.endpoint.uri).toMatch(/REPLACE_WITH/);
  expect(r.warnings.join()).toMatch(/No --arn/);
});

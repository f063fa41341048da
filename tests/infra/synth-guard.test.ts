import { buildApp, requireSkillId, SkillIdError } from '../../infra/app';
import { runEntry } from '../helpers/run-entry';
import { TEST_SKILL_ID, testApp } from './helpers';

const HOW_TO = /Copy Skill ID.*-c skillId=amzn1\.ask\.skill\./;

describe('skill id guard', () => {
  test('accepts amzn1.ask.skill.<uuid>', () => {
    expect(requireSkillId(TEST_SKILL_ID)).toBe(TEST_SKILL_ID);
  });

  test.each([undefined, null, ''])('missing (%p) fails with how to get one', (value) => {
    expect(() => requireSkillId(value)).toThrow(SkillIdError);
    expect(() => requireSkillId(value)).toThrow(/Missing context "skillId"/);
    expect(() => requireSkillId(value)).toThrow(HOW_TO);
  });

  test.each([
    'amzn1.ask.skill.',
    'amzn1.ask.skill.123',
    'amzn1.ask.skill.00000000-0000-0000-0000-00000000000',
    'amzn1.echo-sdk-ams.app.00000000-0000-0000-0000-000000000000',
    '*',
    'amzn1.ask.skill.00000000-0000-0000-0000-000000000000 extra',
    'AMZN1.ASK.SKILL.0000000A-0000-0000-0000-000000000000',
    42,
  ])('malformed %p fails with how to get one', (value) => {
    expect(() => requireSkillId(value)).toThrow(/not of the form amzn1\.ask\.skill\.<uuid>/);
    expect(() => requireSkillId(value)).toThrow(HOW_TO);
  });

  test('building the app without a skill id throws before any stack exists', () => {
    const app = testApp({});
    expect(() => buildApp(app)).toThrow(SkillIdError);
    expect(app.node.children).toHaveLength(0);
  });

  test('building the app with a malformed skill id throws', () => {
    expect(() => buildApp(testApp({ skillId: 'my-skill' }))).toThrow(/not of the form/);
  });

  test('the app entry point exits 1 with the message and no stack trace', () => {
    const { status, stderr } = runEntry('infra/app.ts', [], { ...process.env, CDK_CONTEXT_JSON: '{}' });
    expect(status).toBe(1);
    expect(stderr).toMatch(/Missing context "skillId"/);
    expect(stderr).toMatch(HOW_TO);
    expect(stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});

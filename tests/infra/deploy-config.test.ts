import {
  endpointRegionsFor,
  optionalAlarmEmail,
  readCdkContext,
  readDeployConfig,
  readRegions,
  requirePrivacyPolicyUrl,
  requireRegions,
} from '../../infra/deploy-config';
import { LOCALES as SKILL_LOCALES } from '../../interaction-models/source';

test("the skill's locales are served from three endpoint regions", () => {
  expect(Object.fromEntries(endpointRegionsFor(SKILL_LOCALES))).toEqual({
    'us-east-1': ['en-US', 'en-CA'],
    'eu-west-1': ['en-GB', 'en-IN'],
    'us-west-2': ['en-AU'],
  });
});

const ALL = ['us-east-1', 'eu-west-1', 'us-west-2'];

describe('regions', () => {
  test("cdk.json's regions are the three Alexa calls for the skill's locales", () => {
    expect(readRegions(readCdkContext(), SKILL_LOCALES)).toEqual(ALL);
  });

  test('without the key, every region the locales are served from', () => {
    expect(readRegions({}, SKILL_LOCALES)).toEqual(ALL);
  });

  test('come back in North America, Europe, Far East order whatever the order given', () => {
    expect(requireRegions(['us-west-2', 'us-east-1'], SKILL_LOCALES)).toEqual(['us-east-1', 'us-west-2']);
  });

  test('a comma-separated string (-c regions=...) is read as the list', () => {
    expect(requireRegions('eu-west-1, us-east-1', SKILL_LOCALES)).toEqual(['us-east-1', 'eu-west-1']);
  });

  test('one region alone is accepted', () => {
    expect(requireRegions(['eu-west-1'], SKILL_LOCALES)).toEqual(['eu-west-1']);
  });

  test.each(['eu-central-1', 'ap-northeast-1', 'us-west-1'])('refuses %s, where Alexa calls no endpoint', (region) => {
    expect(() => requireRegions(['us-east-1', region], SKILL_LOCALES)).toThrow(/not one Alexa calls.*us-east-1 \(en-US, en-CA\)/);
  });

  test('a region is accepted only for locales it serves', () => {
    expect(() => requireRegions(['us-west-2'], ['en-US', 'en-GB'])).toThrow(/not one Alexa calls/);
  });

  test('refuses a region listed twice', () => {
    expect(() => requireRegions(['us-east-1', 'eu-west-1', 'us-east-1'], SKILL_LOCALES)).toThrow(/us-east-1 is listed twice/);
  });

  test.each([[[]], ['']])('refuses an empty list (%p)', (value) => {
    expect(() => requireRegions(value, SKILL_LOCALES)).toThrow(/"regions" is empty/);
  });

  test('refuses what is not a list', () => {
    expect(() => requireRegions({ NA: 'us-east-1' }, SKILL_LOCALES)).toThrow(/must be a list/);
  });

  test('refuses the old single "region" key, saying how to keep it as a one-region list', () => {
    expect(() => readRegions({ region: 'us-east-1' }, SKILL_LOCALES)).toThrow(/Replace "region": "us-east-1" with "regions": \["us-east-1"\]/);
  });

  test('refuses the old key even beside the new one (it would be ignored otherwise)', () => {
    expect(() => readRegions({ region: 'eu-west-1', regions: ALL }, SKILL_LOCALES)).toThrow(/"region" is replaced by "regions"/);
  });
});

test.each(['https://example.com/privacy', 'http://legcramphelper.org/privacy', 'https://localhost/privacy', 'privacy.md'])(
  'refuses %s as a privacy policy URL',
  (url) => {
    expect(() => requirePrivacyPolicyUrl(url)).toThrow(/privacyPolicyUrl/);
  },
);

test('accepts a public https privacy policy URL', () => {
  expect(requirePrivacyPolicyUrl('https://legcramphelper.org/privacy')).toBe('https://legcramphelper.org/privacy');
});

test('an empty alarmEmail means none', () => {
  expect(optionalAlarmEmail('')).toBeUndefined();
});

test('reads the whole configuration at once', () => {
  const context = { regions: ['eu-west-1'], privacyPolicyUrl: 'https://legcramphelper.org/privacy', alarmEmail: 'ops@legcramphelper.org' };
  expect(readDeployConfig(context, SKILL_LOCALES)).toEqual(context);
});

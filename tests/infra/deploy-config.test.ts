import {
  endpointRegionsFor,
  optionalAlarmEmail,
  readCdkContext,
  readDeployConfig,
  requirePrivacyPolicyUrl,
  requireRegion,
} from '../../infra/deploy-config';
import { SKILL_LOCALES } from '../../infra/package-skill';

test("the skill's locales are served from three endpoint regions", () => {
  expect(Object.fromEntries(endpointRegionsFor(SKILL_LOCALES))).toEqual({
    'us-east-1': ['en-US', 'en-CA'],
    'eu-west-1': ['en-GB', 'en-IN'],
    'us-west-2': ['en-AU'],
  });
});

test("cdk.json's region is one Alexa calls for the skill's locales", () => {
  expect(requireRegion(readCdkContext().region, SKILL_LOCALES)).toBe('us-east-1');
});

test('a region is accepted only for locales it serves', () => {
  expect(() => requireRegion('us-west-2', ['en-US', 'en-GB'])).toThrow(/not one Alexa calls/);
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
  const context = { region: 'eu-west-1', privacyPolicyUrl: 'https://legcramphelper.org/privacy', alarmEmail: 'ops@legcramphelper.org' };
  expect(readDeployConfig(context, SKILL_LOCALES)).toEqual(context);
});

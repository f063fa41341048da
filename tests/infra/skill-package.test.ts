import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  buildSkillPackage,
  checkEndpointArn,
  checkExamplePhrases,
  creationManifest,
  ICON_SIZES,
  PackageResult,
  parsePackageArgs,
  placeEndpoints,
  renderIcon,
  SkillPackageError,
  utterancesOfExamplePhrase,
} from '../../infra/package-skill';
import { LOCALES as SKILL_LOCALES } from '../../interaction-models/source';
import { pngSize } from '../helpers/png';
import { MAX_RECENT_TOPICS } from '../../lambda/state/history';
import { HISTORY_RETENTION_DAYS } from '../../lambda/state/history-table';
import { REPO_ROOT, runEntry } from '../helpers/run-entry';
import { manifestProblems } from '../helpers/smapi-schema';

const arnIn = (region: string) => `arn:aws:lambda:${region}:123456789012:function:LegCrampSkill-${region}-SkillFunction-abc123:live`;
const ARN = arnIn('us-east-1');
const EU_ARN = arnIn('eu-west-1');
const FE_ARN = arnIn('us-west-2');
const PRIVACY_URL = 'https://legcramphelper.github.io/privacy';

let dir: string;
let result: PackageResult;
let skill: any;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'skill-package-'));
  // In no particular order: each ARN is placed by the region in it.
  result = buildSkillPackage({ outDir: path.join(dir, 'out'), functionArns: [FE_ARN, ARN, EU_ARN], privacyPolicyUrl: PRIVACY_URL });
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

test("the default endpoint is North America's function", () => {
  expect(skill.manifest.apis.custom.endpoint).toEqual({ uri: ARN });
});

test("each Alexa region's endpoint is the function in its AWS region", () => {
  expect(skill.manifest.apis.custom.regions).toEqual({ NA: { endpoint: { uri: ARN } }, EU: { endpoint: { uri: EU_ARN } }, FE: { endpoint: { uri: FE_ARN } } });
});

test("skill events go to the listener's region too (SKILL_DISABLED deletes history from that region's table)", () => {
  expect(skill.manifest.events.regions).toEqual(skill.manifest.apis.custom.regions);
});

test("the events default endpoint is North America's function", () => {
  expect(skill.manifest.events.endpoint).toEqual({ uri: ARN });
});

test("skill.json conforms to the SMAPI skill manifest schema (ask-smapi-model's spec)", () => {
  expect(manifestProblems(skill)).toEqual([]);
});

test('the schema check catches a regional endpoint of the wrong shape', () => {
  const broken = JSON.parse(JSON.stringify(skill));
  broken.manifest.apis.custom.regions.EU = { uri: EU_ARN };
  expect(manifestProblems(broken)).toEqual(["/manifest/apis/custom/regions/EU must have required property 'endpoint'"]);
});

describe('with fewer regions', () => {
  test('one European function is the default and the only regional endpoint (Alexa sends NA and FE listeners to the default)', () => {
    expect(placeEndpoints([EU_ARN])).toEqual({ default: { uri: EU_ARN }, regions: { EU: { endpoint: { uri: EU_ARN } } } });
  });

  test("Europe and Far East: Europe's is the default", () => {
    expect(placeEndpoints([FE_ARN, EU_ARN])).toEqual({
      default: { uri: EU_ARN },
      regions: { EU: { endpoint: { uri: EU_ARN } }, FE: { endpoint: { uri: FE_ARN } } },
    });
  });

  test('the package with one region conforms to the schema too', () => {
    const one = buildSkillPackage({ outDir: path.join(dir, 'one'), functionArns: [FE_ARN], privacyPolicyUrl: PRIVACY_URL });
    const json = JSON.parse(readFileSync(one.skillJsonPath, 'utf8'));
    expect(json.manifest.apis.custom.regions).toEqual({ FE: { endpoint: { uri: FE_ARN } } });
    expect(manifestProblems(json)).toEqual([]);
  });
});

test('refuses two ARNs in one region', () => {
  expect(() => placeEndpoints([ARN, arnIn('us-east-1').replace('abc123', 'def456')])).toThrow(/Two --arn values are in the NA region/);
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

const build = (name: string, functionArn: string, privacyPolicyUrl = PRIVACY_URL) => () =>
  buildSkillPackage({ outDir: path.join(dir, name), functionArns: functionArn ? [functionArn] : [], privacyPolicyUrl });

test('rejects a malformed ARN', () => {
  expect(build('bad', 'not-an-arn')).toThrow(/not a deployed Lambda function ARN/);
});

test('rejects a missing ARN', () => {
  expect(build('none', '')).toThrow(/No --arn given/);
});

test("rejects the manifest's placeholder ARN", () => {
  const placeholder = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'infra', 'skill-package', 'skill.json'), 'utf8'))
    .manifest.apis.custom.endpoint.uri;
  expect(build('placeholder', placeholder)).toThrow(SkillPackageError);
});

test.each(['eu-west-1', 'us-west-2'])('accepts a function in %s (Alexa calls it for some locale)', (region) => {
  expect(checkEndpointArn(ARN.replace('us-east-1', region))).toBe(region);
});

test.each(['ap-northeast-1', 'eu-central-1', 'us-west-1'])('rejects a function in %s', (region) => {
  expect(build(region, ARN.replace('us-east-1', region))).toThrow(/does not call skill endpoints/);
});

test('rejects one wrong-region ARN among good ones', () => {
  expect(() => placeEndpoints([ARN, arnIn('eu-central-1'), FE_ARN])).toThrow(/eu-central-1, where Alexa does not call/);
});

test('rejects a region that serves none of the given locales', () => {
  expect(() => checkEndpointArn(ARN, ['en-GB', 'en-IN'])).toThrow(/us-east-1.*eu-west-1 for en-GB, en-IN/);
});

test('rejects a missing privacy policy URL', () => {
  expect(build('no-privacy', ARN, '')).toThrow(/privacyPolicyUrl/);
});

test('rejects a privacy policy URL that is not public https', () => {
  expect(build('http-privacy', ARN, 'http://legcramphelper.github.io/privacy')).toThrow(/public https/);
});

test('writes nothing when it refuses', () => {
  expect(existsSync(path.join(dir, 'bad'))).toBe(false);
});

describe('command line', () => {
  test('--arn repeats; --x y and --x=y mean the same', () => {
    expect(parsePackageArgs(['--arn', ARN, `--arn=${EU_ARN}`, '--out=pkg', '--privacy-policy-url', PRIVACY_URL])).toEqual({
      arns: [ARN, EU_ARN],
      out: 'pkg',
      privacyPolicyUrl: PRIVACY_URL,
    });
  });

  test('refuses an unknown flag with the usage', () => {
    expect(() => parsePackageArgs(['--endpoint', ARN])).toThrow(/Unknown option '--endpoint'.*usage: npm run package -- --arn/s);
  });

  test('refuses a flag without its value', () => {
    expect(() => parsePackageArgs(['--arn', '--out', 'pkg'])).toThrow(/--arn.*usage/s);
  });

  test('refuses a stray word', () => {
    expect(() => parsePackageArgs([ARN])).toThrow(/Unexpected argument.*usage/s);
  });

  test('npm run package with three --arn writes the regional endpoints', () => {
    const out = path.join(dir, 'cli');
    const { status, stderr } = runEntry('infra/package-skill.ts', ['--arn', ARN, `--arn=${EU_ARN}`, '--arn', FE_ARN, '--out', out, '--privacy-policy-url', PRIVACY_URL], {
      PATH: process.env.PATH,
      HOME: REPO_ROOT,
    });
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    const written = JSON.parse(readFileSync(path.join(out, 'skill.json'), 'utf8'));
    expect(Object.keys(written.manifest.apis.custom.regions)).toEqual(['NA', 'EU', 'FE']);
  }, 60_000);

  test('npm run package refuses two ARNs for one region with exit 1 and no stack trace', () => {
    const { status, stderr } = runEntry('infra/package-skill.ts', ['--arn', ARN, '--arn', ARN, '--privacy-policy-url', PRIVACY_URL], { PATH: process.env.PATH });
    expect(status).toBe(1);
    expect(stderr).toMatch(/^package: Two --arn values are in the NA region/);
    expect(stderr).not.toMatch(/at .*\.ts:\d+/);
  }, 60_000);
});

describe('icons', () => {
  const kinds = Object.keys(ICON_SIZES) as Array<keyof typeof ICON_SIZES>;

  test.each(kinds)('every locale references its %s as a file:// path inside the package', (kind) => {
    for (const locale of SKILL_LOCALES) {
      expect(skill.manifest.publishingInformation.locales[locale][kind]).toBe(`file://assets/images/${locale}_${kind}.png`);
    }
  });

  test.each(kinds)('every referenced %s exists', (kind) => {
    for (const locale of SKILL_LOCALES) {
      const uri: string = skill.manifest.publishingInformation.locales[locale][kind];
      expect(existsSync(path.join(result.outDir, uri.replace('file://', '')))).toBe(true);
    }
  });

  test('the small icons are 108 x 108 PNGs', () => {
    for (const locale of SKILL_LOCALES) expect(pngSize(result.iconPaths[locale].smallIconUri)).toEqual({ width: 108, height: 108 });
  });

  test('the large icons are 512 x 512 PNGs', () => {
    for (const locale of SKILL_LOCALES) expect(pngSize(result.iconPaths[locale].largeIconUri)).toEqual({ width: 512, height: 512 });
  });

  // Luminance of sRGB pixels (0 black .. 1 white), from the same renderer the package uses.
  const luminances = (size: number) => {
    const { pixels } = renderIcon(size);
    const out: number[] = [];
    for (let i = 0; i < pixels.length; i += 4) out.push((0.2126 * pixels[i] + 0.7152 * pixels[i + 1] + 0.0722 * pixels[i + 2]) / 255);
    return { out, alpha: pixels.filter((_, i) => i % 4 === 3) };
  };

  test('is opaque (no transparent corners for the Alexa app to fill)', () => {
    expect(Math.min(...luminances(108).alpha)).toBe(255);
  });

  test('is dark: most of the small icon is night sky', () => {
    const { out } = luminances(108);
    const dark = out.filter((l) => l < 0.25).length / out.length;
    expect(dark).toBeGreaterThan(0.6);
  });

  test('is legible at 108 px: a bright shape covers a real part of the icon', () => {
    const { out } = luminances(108);
    const bright = out.filter((l) => l > 0.6).length / out.length;
    expect(bright).toBeGreaterThan(0.08);
  });
});

describe('privacy', () => {
  test('every locale has the configured privacy policy URL', () => {
    for (const locale of SKILL_LOCALES) {
      expect(skill.manifest.privacyAndCompliance.locales[locale].privacyPolicyUrl).toBe(PRIVACY_URL);
    }
  });

  test('the testing instructions explain the history, the one-time disclaimer and how to reset', () => {
    const instructions: string = skill.manifest.publishingInformation.testingInstructions;
    expect(instructions).toMatch(/90 days/);
    expect(instructions).toMatch(/one-time note/);
    expect(instructions).toMatch(/forget my history/);
    expect(instructions).toMatch(/disabling the skill/i);
  });
});

describe('PRIVACY.md (what privacyPolicyUrl should publish) matches the code', () => {
  const privacy = readFileSync(path.join(__dirname, '..', '..', 'PRIVACY.md'), 'utf8');

  test('states the retention the table uses', () => {
    expect(privacy).toContain(`${HISTORY_RETENTION_DAYS} days`);
  });

  test('states how many recent topics are kept', () => {
    expect(privacy).toContain(`at most ${MAX_RECENT_TOPICS}`);
  });

  test('says how to delete by voice and by disabling the skill', () => {
    expect(privacy).toMatch(/forget my history/);
    expect(privacy).toMatch(/disabling the skill/i);
  });
});

describe('creation manifest (first deploy, before the function exists)', () => {
  test('has no endpoint', () => {
    expect(creationManifest().manifest.apis).toEqual({ custom: {} });
  });

  test('has no events (they need an endpoint)', () => {
    expect(creationManifest().manifest.events).toBeUndefined();
  });

  test('names the skill in every locale', () => {
    const locales = (creationManifest().manifest.publishingInformation as { locales: Record<string, { name: string }> }).locales;
    expect(Object.keys(locales).sort()).toEqual([...SKILL_LOCALES].sort());
  });
});

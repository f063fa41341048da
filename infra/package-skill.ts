/**
 * `npm run package -- --arn <SkillEndpointArn> [--arn <SkillEndpointArn> ...] [--out <dir>] [--privacy-policy-url <url>]`
 *
 * Writes the ASK skill package (skill-package/ at the repo root by default, git-ignored), the layout
 * `ask deploy` uploads (ask-resources.json):
 *   skill-package/skill.json                               infra/skill-package/skill.json with the endpoints (each
 *                                                          ARN placed by the region in it: NA, EU, FE), the icons
 *                                                          and the privacy policy URL filled in per locale
 *   skill-package/interactionModels/custom/<locale>.json   copied from interaction-models/<locale>.json
 *   skill-package/assets/images/<locale>_smallIconUri.png  108x108, rendered from infra/skill-package/icon.svg
 *   skill-package/assets/images/<locale>_largeIconUri.png  512x512, the same drawing
 * It refuses a missing or placeholder ARN, a function region Alexa does not call for the skill's locales,
 * two ARNs for one region, a missing privacy policy URL, and example phrases that are not sample utterances
 * of the models. `npm run deploy` (infra/deploy.ts) runs it with every regional stack's endpoint output.
 */
import { Resvg } from '@resvg/resvg-js';
import type { v1 } from 'ask-smapi-model';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseFlags, refuseUsage, type Flags } from '../command-line/flags';
import { LOCALES } from '../interaction-models/source';
import { escapeRegExp, normaliseUtterance, samplePattern } from '../interaction-models/utterance';
import { REPO_ROOT } from './bundling';
import { ALEXA_REGIONS, alexaRegionOf, DeployConfigError, endpointRegionsFor, readCdkContext, requirePrivacyPolicyUrl, type AlexaRegionCode } from './deploy-config';

export const MANIFEST_SOURCE = path.join(REPO_ROOT, 'infra', 'skill-package', 'skill.json');
export const ICON_SOURCE = path.join(REPO_ROOT, 'infra', 'skill-package', 'icon.svg');
export const MODELS_DIR = path.join(REPO_ROOT, 'interaction-models');
export const DEFAULT_OUT_DIR = path.join(REPO_ROOT, 'skill-package');

/** The two icons certification asks for, in pixels (square PNGs). */
export const ICON_SIZES = { smallIconUri: 108, largeIconUri: 512 } as const;
export type IconKind = keyof typeof ICON_SIZES;

/** Where ASK CLI packages keep a locale's icon (relative to the package root, as a file:// URI in skill.json). */
export function iconPath(locale: string, kind: IconKind): string {
  return `assets/images/${locale}_${kind}.png`;
}

const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([A-Za-z0-9_-]+)(:[A-Za-z0-9_$-]+)?$/;

interface InteractionModel {
  interactionModel: {
    languageModel: {
      invocationName: string;
      intents: Array<{ name: string; samples?: string[]; slots?: Array<{ name: string; type: string }> }>;
      types?: Array<{ name: string; values: Array<{ name: { value: string; synonyms?: string[] } }> }>;
    };
  };
}

export interface PackageOptions {
  /**
   * The skill's endpoints: each regional stack's SkillEndpointArn output (its function's `live` alias), at
   * most one per region, in any order: each is placed by the region in its ARN.
   */
  readonly functionArns: readonly string[];
  readonly privacyPolicyUrl: string;
  readonly outDir?: string;
}

export interface PackageResult {
  outDir: string;
  skillJsonPath: string;
  modelPaths: Record<string, string>;
  /** Absolute paths of the written icons, per locale. */
  iconPaths: Record<string, Record<IconKind, string>>;
}

export class SkillPackageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SkillPackageError';
  }
}

/** A sample utterance as a regexp; a {slot} matches one of its type's values/synonyms (or any words for built-ins). */
function sampleMatcher(sample: string, slotValues: (slot: string) => string[] | undefined): RegExp {
  return samplePattern(sample, (slot) => {
    const values = slotValues(slot);
    return values && values.length > 0 ? `(?:${values.map((v) => escapeRegExp(normaliseUtterance(v))).join('|')})` : '.+';
  });
}

/**
 * The utterance an example phrase carries: "" for "Alexa, open <invocation>", else the text after
 * "Alexa, ask|tell <invocation>" (with an optional connector such as "to" or "about").
 * Returns undefined when the phrase is not built from the invocation name.
 */
export function utterancesOfExamplePhrase(phrase: string, invocationName: string): string[] | undefined {
  const p = normaliseUtterance(phrase);
  const inv = escapeRegExp(normaliseUtterance(invocationName));
  if (new RegExp(`^alexa (open|start|launch|begin) ${inv}$`).test(p)) return [''];
  const m = new RegExp(`^alexa (ask|tell) ${inv} (.+)$`).exec(p);
  if (!m) return undefined;
  const rest = m[2];
  const connector = /^(to|about|for|if|whether|and) (.+)$/.exec(rest);
  return connector ? [rest, connector[2]] : [rest];
}

/** Throws unless every example phrase is the invocation (open) or the invocation plus a sample utterance. */
export function checkExamplePhrases(locale: string, phrases: string[], model: InteractionModel): void {
  const lm = model.interactionModel.languageModel;
  if (phrases.length === 0 || phrases.length > 3) {
    throw new SkillPackageError(`${locale}: examplePhrases must have 1 to 3 entries (has ${phrases.length}).`);
  }
  if (!phrases[0] || utterancesOfExamplePhrase(phrases[0], lm.invocationName) === undefined) {
    throw new SkillPackageError(`${locale}: the first example phrase must start with "Alexa, open|ask ${lm.invocationName}".`);
  }
  const types = new Map((lm.types ?? []).map((t) => [t.name, t.values.flatMap((v) => [v.name.value, ...(v.name.synonyms ?? [])])]));
  const matchers = lm.intents.flatMap((intent) =>
    (intent.samples ?? []).map((sample) =>
      sampleMatcher(sample, (slot) => types.get(intent.slots?.find((s) => s.name === slot)?.type ?? '')),
    ),
  );
  for (const phrase of phrases) {
    const candidates = utterancesOfExamplePhrase(phrase, lm.invocationName);
    if (candidates === undefined) {
      throw new SkillPackageError(
        `${locale}: example phrase "${phrase}" must start with "Alexa, open ${lm.invocationName}" or "Alexa, ask ${lm.invocationName} ...".`,
      );
    }
    const ok = candidates.some((utterance) => utterance === '' || matchers.some((re) => re.test(utterance)));
    if (!ok) {
      throw new SkillPackageError(
        `${locale}: example phrase "${phrase}" is not a sample utterance of interaction-models/${locale}.json ` +
          `(after "Alexa, ask ${lm.invocationName}": "${candidates.join('" / "')}"). Add the sample or change the phrase.`,
      );
    }
  }
}

function readJson<T>(file: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new SkillPackageError(`Cannot read ${path.relative(REPO_ROOT, file)}: ${(error as Error).message}`);
  }
}

/**
 * The endpoint must be a real Lambda ARN (the manifest's placeholder is not) in a region Alexa calls for
 * at least one of the locales. Returns the ARN's region.
 */
export function checkEndpointArn(functionArn: string | undefined, locales: readonly string[] = LOCALES): string {
  if (!functionArn) {
    throw new SkillPackageError(
      'No --arn given: the skill needs its endpoint. `npm run deploy` fills it in; by hand, pass each regional stack\'s SkillEndpointArn output.',
    );
  }
  const m = LAMBDA_ARN.exec(functionArn);
  if (!m || /REPLACE|ACCOUNT|REGION/.test(functionArn)) {
    throw new SkillPackageError(`--arn "${functionArn}" is not a deployed Lambda function ARN (use the stack's SkillEndpointArn output).`);
  }
  const regions = endpointRegionsFor(locales);
  if (!regions.has(m[1])) {
    const allowed = [...regions].map(([region, served]) => `${region} for ${served.join(', ')}`).join('; ');
    throw new SkillPackageError(`The function is in ${m[1]}, where Alexa does not call skill endpoints for this skill's locales (${allowed}).`);
  }
  return m[1];
}

/** Where Alexa sends requests: the default endpoint and one per Alexa region, as the manifest holds them. */
export interface SkillEndpoints {
  /** apis.custom.endpoint and events.endpoint: North America's when it is given, else the next of EU, FE. */
  readonly default: v1.skill.Manifest.SkillManifestEndpoint;
  /** apis.custom.regions and events.regions: NA, EU and FE, each its region's function. */
  readonly regions: Partial<Record<AlexaRegionCode, v1.skill.Manifest.Region>>;
}

/**
 * Places each ARN by the region in it (us-east-1 → NA, eu-west-1 → EU, us-west-2 → FE). Alexa sends a
 * listener's request to their region's endpoint, and a region without one to the default endpoint.
 */
export function placeEndpoints(functionArns: readonly string[], locales: readonly string[] = LOCALES): SkillEndpoints {
  if (functionArns.length === 0) checkEndpointArn(undefined, locales);
  const byRegion = new Map<AlexaRegionCode, string>();
  for (const arn of functionArns) {
    const code = alexaRegionOf(checkEndpointArn(arn, locales))!;
    const earlier = byRegion.get(code);
    if (earlier) {
      throw new SkillPackageError(`Two --arn values are in the ${code} region (${earlier} and ${arn}): give one endpoint per region.`);
    }
    byRegion.set(code, arn);
  }
  const ordered = ALEXA_REGIONS.filter((r) => byRegion.has(r.code)).map((r) => [r.code, byRegion.get(r.code)!] as const);
  return {
    default: { uri: ordered[0][1] },
    regions: Object.fromEntries(ordered.map(([code, uri]) => [code, { endpoint: { uri } }])),
  };
}

/** The icon drawing rendered at `size` pixels square (resvg: the same pixels on every machine, no fonts used). */
export function renderIcon(size: number, svg: string = readFileSync(ICON_SOURCE, 'utf8')) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render();
}

/** Builds the skill package into outDir (replacing it). Pure file work: no AWS, no network. */
export function buildSkillPackage(options: PackageOptions): PackageResult {
  const outDir = options.outDir ?? DEFAULT_OUT_DIR;
  const endpoints = placeEndpoints(options.functionArns);
  let privacyPolicyUrl: string;
  try {
    privacyPolicyUrl = requirePrivacyPolicyUrl(options.privacyPolicyUrl);
  } catch (error) {
    throw new SkillPackageError((error as Error).message, { cause: error });
  }

  const skill = readJson<{ manifest: any }>(MANIFEST_SOURCE);
  const manifest = skill.manifest;
  const manifestLocales = Object.keys(manifest.publishingInformation?.locales ?? {}).sort();
  if (manifestLocales.join() !== [...LOCALES].sort().join()) {
    throw new SkillPackageError(`infra/skill-package/skill.json locales are ${manifestLocales.join(', ')}; expected ${LOCALES.join(', ')}.`);
  }
  if (!manifest.events?.subscriptions?.some((s: { eventName: string }) => s.eventName === 'SKILL_DISABLED')) {
    throw new SkillPackageError('infra/skill-package/skill.json must subscribe to SKILL_DISABLED (history clean-up).');
  }

  const models: Record<string, { raw: string; model: InteractionModel }> = {};
  for (const locale of LOCALES) {
    const file = path.join(MODELS_DIR, `${locale}.json`);
    if (!existsSync(file)) {
      throw new SkillPackageError(`Missing interaction-models/${locale}.json (generate it with \`npm run models\`).`);
    }
    const raw = readFileSync(file, 'utf8');
    const model = readJson<InteractionModel>(file);
    if (!model.interactionModel?.languageModel?.invocationName) {
      throw new SkillPackageError(`interaction-models/${locale}.json has no interactionModel.languageModel.invocationName.`);
    }
    checkExamplePhrases(locale, manifest.publishingInformation.locales[locale].examplePhrases ?? [], model);
    models[locale] = { raw, model };
  }

  // Skill events (SKILL_DISABLED) go to the listener's region too: their history is in that region's table.
  manifest.apis.custom.endpoint = endpoints.default;
  manifest.apis.custom.regions = endpoints.regions;
  manifest.events.endpoint = endpoints.default;
  manifest.events.regions = endpoints.regions;
  manifest.privacyAndCompliance.locales = Object.fromEntries(LOCALES.map((locale) => [locale, { privacyPolicyUrl }]));

  rmSync(outDir, { recursive: true, force: true });
  const modelDir = path.join(outDir, 'interactionModels', 'custom');
  mkdirSync(modelDir, { recursive: true });
  mkdirSync(path.join(outDir, 'assets', 'images'), { recursive: true });

  const svg = readFileSync(ICON_SOURCE, 'utf8');
  const pngs = Object.fromEntries(
    (Object.entries(ICON_SIZES) as [IconKind, number][]).map(([kind, size]) => [kind, renderIcon(size, svg).asPng()]),
  ) as Record<IconKind, Buffer>;
  const iconPaths: PackageResult['iconPaths'] = {};
  const modelPaths: Record<string, string> = {};
  for (const locale of LOCALES) {
    iconPaths[locale] = {} as Record<IconKind, string>;
    for (const kind of Object.keys(ICON_SIZES) as IconKind[]) {
      iconPaths[locale][kind] = path.join(outDir, iconPath(locale, kind));
      writeFileSync(iconPaths[locale][kind], pngs[kind]);
      manifest.publishingInformation.locales[locale][kind] = `file://${iconPath(locale, kind)}`;
    }
    modelPaths[locale] = path.join(modelDir, `${locale}.json`);
    writeFileSync(modelPaths[locale], models[locale].raw);
  }
  const skillJsonPath = path.join(outDir, 'skill.json');
  writeFileSync(skillJsonPath, `${JSON.stringify(skill, null, 2)}\n`);
  return { outDir, skillJsonPath, modelPaths, iconPaths };
}

/**
 * The manifest SMAPI creates the skill from on the first deploy: the package's text without an endpoint,
 * events or icons (the function does not exist yet, and file:// icons only work in a package upload).
 * The first `ask deploy` then replaces it with the whole package.
 */
export function creationManifest(): { manifest: Record<string, unknown> } {
  const { manifest } = readJson<{ manifest: any }>(MANIFEST_SOURCE);
  const { events: _events, ...rest } = manifest;
  return { manifest: { ...rest, apis: { custom: {} } } };
}

export const PACKAGE_USAGE =
  'usage: npm run package -- --arn <SkillEndpointArn> [--arn <SkillEndpointArn> ...] [--out <dir>] [--privacy-policy-url <url>]';

const PACKAGE_FLAGS = {
  arn: { type: 'string', multiple: true },
  out: { type: 'string' },
  'privacy-policy-url': { type: 'string' },
} as const satisfies Flags;

/** The command line: `--x y` and `--x=y` alike; an unknown flag, a flag without its value or a stray word is refused with the usage. */
export function parsePackageArgs(argv: readonly string[]): { arns: string[]; out?: string; privacyPolicyUrl?: string } {
  const values = parseFlags(argv, PACKAGE_FLAGS, PACKAGE_USAGE);
  return {
    arns: values.arn ?? [],
    ...(values.out !== undefined ? { out: values.out } : {}),
    ...(values['privacy-policy-url'] !== undefined ? { privacyPolicyUrl: values['privacy-policy-url'] } : {}),
  };
}

if (require.main === module) {
  try {
    const args = parsePackageArgs(process.argv.slice(2));
    const result = buildSkillPackage({
      functionArns: args.arns,
      privacyPolicyUrl: args.privacyPolicyUrl ?? (readCdkContext().privacyPolicyUrl as string),
      outDir: args.out ? path.resolve(args.out) : DEFAULT_OUT_DIR,
    });
    console.log(
      `Wrote ${path.relative(process.cwd(), result.outDir) || '.'}/ (skill.json, ${LOCALES.length} interaction models, ` +
        `${ICON_SIZES.smallIconUri}px and ${ICON_SIZES.largeIconUri}px icons)`,
    );
  } catch (error) {
    if (error instanceof SkillPackageError || error instanceof DeployConfigError) {
      console.error(`package: ${error.message}`);
      process.exit(1);
    }
    refuseUsage(error);
  }
}

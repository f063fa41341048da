/**
 * `npm run package [-- --arn <FunctionArn>] [--out <dir>]`
 *
 * Writes the ASK skill package (skill-package/ at the repo root by default, git-ignored):
 *   skill-package/skill.json                                 (infra/skill-package/skill.json, endpoint filled in)
 *   skill-package/interactionModels/custom/<locale>.json     (copied from interaction-models/<locale>.json)
 * and fails unless every example phrase is the invocation plus one of the model's sample utterances.
 * Upload it with `ask deploy` / `ask smapi` or paste the ARN into the developer console.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './bundling';

export const SKILL_LOCALES = ['en-US', 'en-GB', 'en-AU', 'en-CA', 'en-IN'] as const;
export const MANIFEST_SOURCE = path.join(REPO_ROOT, 'infra', 'skill-package', 'skill.json');
export const MODELS_DIR = path.join(REPO_ROOT, 'interaction-models');
export const DEFAULT_OUT_DIR = path.join(REPO_ROOT, 'skill-package');

const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):(\d{12}):function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/;
/** Regions where the Alexa Skills Kit can call a Lambda endpoint. */
export const ALEXA_LAMBDA_REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2', 'ap-northeast-1'];

interface InteractionModel {
  interactionModel: {
    languageModel: {
      invocationName: string;
      intents: Array<{ name: string; samples?: string[]; slots?: Array<{ name: string; type: string }> }>;
      types?: Array<{ name: string; values: Array<{ name: { value: string; synonyms?: string[] } }> }>;
    };
  };
}

export interface PackageResult {
  outDir: string;
  skillJsonPath: string;
  modelPaths: Record<string, string>;
  warnings: string[];
}

export class SkillPackageError extends Error {}

/** Lower-case, drop punctuation Alexa does not hear, collapse spaces. */
export function normalizePhrase(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’]/g, "'")
    .replace(/[^a-z0-9'{}\s.]/g, ' ')
    .replace(/\.(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A sample utterance as a regexp; a {slot} matches one of its type's values/synonyms (or any words for built-ins). */
function sampleMatcher(sample: string, slotValues: (slot: string) => string[] | undefined): RegExp {
  const parts = normalizePhrase(sample)
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const slot = /^\{([^}]+)\}$/.exec(part);
      if (!slot) return escapeRegExp(part);
      const values = slotValues(slot[1]);
      return values && values.length > 0 ? `(?:${values.map((v) => escapeRegExp(normalizePhrase(v))).join('|')})` : '.+';
    });
  return new RegExp(`^${parts.join('')}$`);
}

/**
 * The utterance an example phrase carries: "" for "Alexa, open <invocation>", else the text after
 * "Alexa, ask|tell <invocation>" (with an optional connector such as "to" or "about").
 * Returns undefined when the phrase is not built from the invocation name.
 */
export function utterancesOfExamplePhrase(phrase: string, invocationName: string): string[] | undefined {
  const p = normalizePhrase(phrase);
  const inv = escapeRegExp(normalizePhrase(invocationName));
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

/** Builds the skill package into outDir (replacing it). Pure file work: no AWS, no network. */
export function buildSkillPackage(outDir: string = DEFAULT_OUT_DIR, functionArn?: string): PackageResult {
  const warnings: string[] = [];
  if (functionArn !== undefined) {
    const m = LAMBDA_ARN.exec(functionArn);
    if (!m) throw new SkillPackageError(`--arn "${functionArn}" is not a Lambda function ARN (use the stack's FunctionArn output).`);
    if (!ALEXA_LAMBDA_REGIONS.includes(m[1])) {
      warnings.push(`Region ${m[1]} is not one Alexa can call a Lambda endpoint in (${ALEXA_LAMBDA_REGIONS.join(', ')}).`);
    }
  } else {
    warnings.push('No --arn given: the endpoint uri is still the placeholder; run again with --arn <FunctionArn output>.');
  }

  const skill = readJson<{ manifest: any }>(MANIFEST_SOURCE);
  const manifest = skill.manifest;
  const manifestLocales = Object.keys(manifest.publishingInformation?.locales ?? {}).sort();
  if (manifestLocales.join() !== [...SKILL_LOCALES].sort().join()) {
    throw new SkillPackageError(`infra/skill-package/skill.json locales are ${manifestLocales.join(', ')}; expected ${SKILL_LOCALES.join(', ')}.`);
  }
  if (!manifest.events?.subscriptions?.some((s: { eventName: string }) => s.eventName === 'SKILL_DISABLED')) {
    throw new SkillPackageError('infra/skill-package/skill.json must subscribe to SKILL_DISABLED (history clean-up).');
  }

  const models: Record<string, { raw: string; model: InteractionModel }> = {};
  for (const locale of SKILL_LOCALES) {
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

  if (functionArn !== undefined) {
    manifest.apis.custom.endpoint = { ...manifest.apis.custom.endpoint, uri: functionArn };
    manifest.events.endpoint = { ...manifest.events.endpoint, uri: functionArn };
  }

  rmSync(outDir, { recursive: true, force: true });
  const modelDir = path.join(outDir, 'interactionModels', 'custom');
  mkdirSync(modelDir, { recursive: true });
  const skillJsonPath = path.join(outDir, 'skill.json');
  writeFileSync(skillJsonPath, `${JSON.stringify(skill, null, 2)}\n`);
  const modelPaths: Record<string, string> = {};
  for (const locale of SKILL_LOCALES) {
    modelPaths[locale] = path.join(modelDir, `${locale}.json`);
    writeFileSync(modelPaths[locale], models[locale].raw);
  }
  return { outDir, skillJsonPath, modelPaths, warnings };
}

function parseArgs(argv: string[]): { arn?: string; out?: string } {
  const out: { arn?: string; out?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = inline ?? argv[i + 1];
    if (flag === '--arn' || flag === '--out') {
      if (!value || value.startsWith('--')) throw new SkillPackageError(`${flag} needs a value.`);
      out[flag === '--arn' ? 'arn' : 'out'] = value;
      if (inline === undefined) i++;
    } else {
      throw new SkillPackageError(`Unknown argument ${argv[i]} (usage: npm run package -- [--arn <FunctionArn>] [--out <dir>]).`);
    }
  }
  return out;
}

if (require.main === module) {
  try {
    const args = parseArgs(process.argv.slice(2));
    const result = buildSkillPackage(args.out ? path.resolve(args.out) : DEFAULT_OUT_DIR, args.arn);
    for (const w of result.warnings) console.warn(`warning: ${w}`);
    console.log(`Wrote ${path.relative(process.cwd(), result.outDir) || '.'}/ (skill.json + ${SKILL_LOCALES.length} interaction models)`);
  } catch (error) {
    if (error instanceof SkillPackageError) {
      console.error(`package: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

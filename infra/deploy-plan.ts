/**
 * What `npm run deploy` does, built once as data: a list of steps. `--dry-run` prints it (describePlan); a
 * real run executes the same list (infra/deploy.ts). Values only known while running (the new skill's id, the
 * stacks' endpoint ARNs) stand in the plan as placeholders the run fills in.
 */
import * as path from 'node:path';
import { stackName } from './app';
import { alexaRegionOf, endpointRegionsFor, type AlexaRegionCode } from './deploy-config';
import { LOCALES as SKILL_LOCALES } from '../interaction-models/source';
import { STACK_OUTPUTS } from './stack';

export interface Command {
  readonly tool: 'ask' | 'cdk';
  readonly args: string[];
  readonly cwd: string;
}

/** One regional stack of the deploy. */
export interface RegionalStack {
  readonly region: string;
  readonly alexaRegion: AlexaRegionCode;
  readonly stackName: string;
  /** The skill's locales Alexa serves from this region. */
  readonly locales: readonly string[];
}

/** Stands for the skill id in commands until create-skill-for-vendor has returned it. */
export const SKILL_ID_PLACEHOLDER = '<skill id>';

export type Step =
  /** The manifest SMAPI creates the skill from (no endpoints yet: the functions do not exist). */
  | { readonly kind: 'writeCreationManifest'; readonly file: string }
  /** `ask smapi create-skill-for-vendor`; the new id is kept in .ask/ask-states.json at once. */
  | { readonly kind: 'createSkill'; readonly command: Command }
  /** `ask smapi get-skill-status` until the creation has SUCCEEDED. */
  | { readonly kind: 'waitForSkill'; readonly command: Command }
  /** One `cdk deploy` of every regional stack, their outputs written to `outputsFile`. */
  | { readonly kind: 'deployStacks'; readonly command: Command; readonly outputsFile: string; readonly stacks: readonly RegionalStack[] }
  /** `npm run package` (in-process) with each stack's SkillEndpointArn output. */
  | { readonly kind: 'buildPackage'; readonly outDir: string; readonly outputsFile: string; readonly stacks: readonly RegionalStack[] }
  /** `ask deploy --target skill-metadata`: manifest, events and models in one import. */
  | { readonly kind: 'uploadPackage'; readonly command: Command }
  /** `ask smapi set-skill-enablement --stage development`. */
  | { readonly kind: 'enableSkill'; readonly command: Command };

export interface DeployPlan {
  /** The kept skill id (a redeploy), or undefined (the first deploy creates one). */
  readonly knownSkillId?: string;
  readonly askProfile: string;
  readonly stacks: readonly RegionalStack[];
  readonly steps: readonly Step[];
}

export interface PlanInputs {
  readonly regions: readonly string[];
  readonly knownSkillId?: string;
  readonly askProfile: string;
  /** Where ask-resources.json and .ask/ live; `ask` runs here. */
  readonly projectDir: string;
  /** Where `cdk` runs (the directory holding cdk.json). */
  readonly cdkDir: string;
  readonly packageDir: string;
  /** Deploy without cdk's approval prompt for security-related changes. */
  readonly yes?: boolean;
}

/** The project's files the plan writes (the ASK CLI's own formats and places). */
export function projectFiles(projectDir: string) {
  return {
    statesFile: path.join(projectDir, '.ask', 'ask-states.json'),
    outputsFile: path.join(projectDir, '.ask', 'cdk-outputs.json'),
    creationManifestFile: path.join(projectDir, '.ask', 'create-skill-manifest.json'),
  };
}

export function regionalStacks(regions: readonly string[]): RegionalStack[] {
  const locales = endpointRegionsFor(SKILL_LOCALES);
  return regions.map((region) => ({ region, alexaRegion: alexaRegionOf(region)!, stackName: stackName(region), locales: locales.get(region) ?? [] }));
}

export function planDeploy(inputs: PlanInputs): DeployPlan {
  const files = projectFiles(inputs.projectDir);
  const id = inputs.knownSkillId ?? SKILL_ID_PLACEHOLDER;
  const ask = (...args: string[]): Command => ({ tool: 'ask', args: [...args, '--profile', inputs.askProfile], cwd: inputs.projectDir });
  const stacks = regionalStacks(inputs.regions);
  const steps: Step[] = [];
  if (!inputs.knownSkillId) {
    steps.push(
      { kind: 'writeCreationManifest', file: files.creationManifestFile },
      { kind: 'createSkill', command: ask('smapi', 'create-skill-for-vendor', '--manifest', `file:${files.creationManifestFile}`) },
      { kind: 'waitForSkill', command: ask('smapi', 'get-skill-status', '--skill-id', id, '--resource', 'manifest') },
    );
  }
  steps.push(
    {
      kind: 'deployStacks',
      command: {
        tool: 'cdk',
        args: [
          'deploy',
          ...stacks.map((s) => s.stackName),
          '-c', `skillId=${id}`,
          '--outputs-file', files.outputsFile,
          ...(inputs.yes ? ['--require-approval', 'never'] : []),
        ],
        cwd: inputs.cdkDir,
      },
      outputsFile: files.outputsFile,
      stacks,
    },
    { kind: 'buildPackage', outDir: inputs.packageDir, outputsFile: files.outputsFile, stacks },
    { kind: 'uploadPackage', command: ask('deploy', '--target', 'skill-metadata') },
    { kind: 'enableSkill', command: ask('smapi', 'set-skill-enablement', '--skill-id', id, '--stage', 'development') },
  );
  return { ...(inputs.knownSkillId ? { knownSkillId: inputs.knownSkillId } : {}), askProfile: inputs.askProfile, stacks, steps };
}

/** A command as a shell would take it (arguments quoted only when they need it). */
export function showCommand(command: Command): string {
  return [command.tool, ...command.args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** The command with the skill id in place of its placeholder. */
export function withSkillId(command: Command, skillId: string): Command {
  return { ...command, args: command.args.map((a) => a.split(SKILL_ID_PLACEHOLDER).join(skillId)) };
}

/** One line per step, as `--dry-run` prints the plan and a real run announces it. */
export function describePlan(plan: DeployPlan, projectDir: string): string[] {
  const rel = (file: string) => path.relative(projectDir, file) || '.';
  const where = plan.stacks.map((s) => `${s.region} (${s.alexaRegion}: ${s.locales.join(', ')})`).join(', ');
  const header =
    `${plan.knownSkillId ? `Redeploy of ${plan.knownSkillId}` : 'First deploy'} to ${plan.stacks.length} ` +
    `region${plan.stacks.length === 1 ? '' : 's'}: ${where}; ASK profile "${plan.askProfile}".`;
  const line = (step: Step): string => {
    switch (step.kind) {
      case 'writeCreationManifest':
        return `write ${rel(step.file)}: the manifest's text, without endpoints or events`;
      case 'createSkill':
        return `${showCommand(step.command)}   (the new skill id is kept in ${rel(projectFiles(projectDir).statesFile)})`;
      case 'waitForSkill':
        return `${showCommand(step.command)}   (until SUCCEEDED)`;
      case 'deployStacks':
        return `${showCommand(step.command)}   (one stack per region, each with its own function, table, alarms and dashboard)`;
      case 'buildPackage':
        return (
          `npm run package -- ${step.stacks.map((s) => `--arn <${STACK_OUTPUTS.skillEndpointArn} of ${s.stackName}>`).join(' ')} ` +
          `--out ${rel(step.outDir)}   (from ${rel(step.outputsFile)}; each region's endpoint in the manifest)`
        );
      case 'uploadPackage':
      case 'enableSkill':
        return showCommand(step.command);
    }
  };
  return [header, ...plan.steps.map((step, i) => `  ${i + 1}. ${line(step)}`)];
}

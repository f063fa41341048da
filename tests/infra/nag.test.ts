import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { IConstruct } from 'constructs';
import { buildApp } from '../../infra/app';
import { testApp } from './helpers';

let app: App;
let synthError: unknown;
let assemblyDir: string | undefined;

beforeAll(() => {
  app = buildApp(testApp()).app;
  try {
    // cdk-nag 3 runs as a policy-validation plugin here: unacknowledged errors throw (in-memory synth),
    // warnings only land in the validation report, so both are checked below.
    assemblyDir = app.synth().directory;
  } catch (error) {
    synthError = error;
  }
});

function acknowledgements(): Array<{ path: string; id: string; reason: unknown }> {
  const out: Array<{ path: string; id: string; reason: unknown }> = [];
  const visit = (c: IConstruct) => {
    for (const entry of c.node.metadata) {
      if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY) {
        for (const [id, reason] of Object.entries(entry.data as Record<string, unknown>)) out.push({ path: c.node.path, id, reason });
      }
    }
    c.node.children.forEach(visit);
  };
  visit(app);
  return out;
}

test('the app synthesizes with the cdk-nag packs registered', () => {
  expect(synthError).toBeUndefined();
});

test.each([
  ['AwsSolutions', () => new AwsSolutionsChecks()],
  ['Serverless', () => new ServerlessChecks()],
])('%s: no unacknowledged finding (errors or warnings)', (_name, makePack) => {
  const report = makePack().validateScope(app);
  const findings = report.violations.map((v) => `${v.ruleName} @ ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
  expect(findings).toEqual([]);
});

test('the synthesized validation report lists no violations', () => {
  expect(assemblyDir).toBeDefined();
  const reportFile = path.join(assemblyDir!, 'validation-report.json');
  if (!existsSync(reportFile)) return; // nothing to report
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { pluginReports: Array<{ pluginName: string; violations?: Array<{ ruleName: string }> }> };
  const violations = report.pluginReports.flatMap((r) => (r.violations ?? []).map((v) => `${r.pluginName}: ${v.ruleName}`));
  expect(violations).toEqual([]);
});

test('every acknowledgement names a rule and gives a real reason', () => {
  const acks = acknowledgements();
  expect(acks.length).toBeGreaterThan(0);
  for (const ack of acks) {
    expect(ack.id).toMatch(/^(Annotation::)?(AwsSolutions|Serverless)-[A-Za-z0-9]+(\[.+\])?$/);
    expect(typeof ack.reason).toBe('string');
    expect((ack.reason as string).trim().length).toBeGreaterThan(40);
  }
});

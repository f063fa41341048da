import { parseFlags, refuseUsage, UsageError } from '../../command-line/flags';

const USAGE = 'usage: tool [--name <n>] [--tag <t> ...] [--loud]';
const FLAGS = { name: { type: 'string' }, tag: { type: 'string', multiple: true }, loud: { type: 'boolean' } } as const;

describe('parseFlags', () => {
  it('reads --x y and --x=y alike', () => {
    expect(parseFlags(['--name', 'ada', '--tag', 'a', '--tag=b', '--loud'], FLAGS, USAGE)).toEqual(parseFlags(['--name=ada', '--tag=a', '--tag', 'b', '--loud'], FLAGS, USAGE));
    expect(parseFlags(['--name=ada'], FLAGS, USAGE)).toEqual({ name: 'ada' });
  });

  it.each([
    [['--nmae', 'ada'], /^Unknown option '--nmae'/],
    [['--name'], /^Option '--name <value>' argument missing/],
    [['--loud=yes'], /^Option '--loud' does not take an argument/],
    [['ada'], /^Unexpected argument 'ada'/],
    [['--name='], /^--name needs a value$/m],
    [['--tag', 'a', '--tag='], /^--tag needs a value$/m],
  ])('refuses %j with the reason, then the usage line', (argv, reason) => {
    let refused: unknown;
    try {
      parseFlags(argv, FLAGS, USAGE);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(UsageError);
    const [first, second] = (refused as Error).message.split('\n');
    expect(first).toMatch(reason);
    expect(second).toBe(USAGE);
  });
});

describe('refuseUsage', () => {
  afterEach(() => {
    process.exitCode = undefined;
    jest.restoreAllMocks();
  });

  it('says a usage error on stderr and sets exit code 2', () => {
    const written = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    refuseUsage(new UsageError('--name needs a value', USAGE));
    expect(written).toHaveBeenCalledWith(`--name needs a value\n${USAGE}\n`);
    expect(process.exitCode).toBe(2);
  });

  it('throws any other error on', () => {
    const failure = new Error('disk full');
    expect(() => refuseUsage(failure)).toThrow(failure);
    expect(process.exitCode).toBeUndefined();
  });
});

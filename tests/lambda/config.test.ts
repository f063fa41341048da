import { ConfigError, DEFAULT_NIGHT_VOICE, readConfig } from '../../lambda/config';

describe('readConfig', () => {
  it('runs with nothing set: no skill id check, session-only history', () => {
    expect(readConfig({})).toEqual({ region: 'us-east-1', nightVoice: DEFAULT_NIGHT_VOICE });
  });

  it('reads every variable', () => {
    expect(
      readConfig({
        SKILL_ID: 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000',
        HISTORY_TABLE_NAME: 'LegCrampHistory',
        DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
        AWS_REGION: 'eu-west-1',
        NIGHT_VOICE_HOURS: '22-6',
      }),
    ).toEqual({
      skillId: 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000',
      historyTableName: 'LegCrampHistory',
      dynamodbEndpoint: 'http://127.0.0.1:8000',
      region: 'eu-west-1',
      nightVoice: { fromHour: 22, untilHour: 6 },
    });
  });

  it('treats blank values as unset', () => {
    expect(readConfig({ SKILL_ID: ' ', HISTORY_TABLE_NAME: '' })).toEqual({ region: 'us-east-1', nightVoice: DEFAULT_NIGHT_VOICE });
  });

  it.each([
    [{ SKILL_ID: 'my-skill' }, /SKILL_ID/],
    [{ HISTORY_TABLE_NAME: 'a b' }, /HISTORY_TABLE_NAME/],
    [{ DYNAMODB_ENDPOINT: 'not a url' }, /DYNAMODB_ENDPOINT/],
    [{ DYNAMODB_ENDPOINT: 'ftp://127.0.0.1' }, /DYNAMODB_ENDPOINT/],
    [{ NIGHT_VOICE_HOURS: '21' }, /NIGHT_VOICE_HOURS/],
    [{ NIGHT_VOICE_HOURS: '24-7' }, /NIGHT_VOICE_HOURS/],
    [{ NIGHT_VOICE_HOURS: '7-7' }, /NIGHT_VOICE_HOURS/],
  ])('refuses %p with a clear ConfigError', (env, message) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(message);
  });
});

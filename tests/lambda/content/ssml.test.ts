import { escapeSsml, toPlainText, toSsml } from '../../../lambda/content/ssml';

describe('SSML helpers', () => {
  it('escapes markup characters so text can never become tags', () => {
    expect(escapeSsml(`<b>"Tom" & 'Jerry'</b>`)).toBe('&lt;b&gt;&quot;Tom&quot; &amp; &apos;Jerry&apos;&lt;/b&gt;');
  });

  it('speaks in Alexa\'s normal voice by day, and still whispers when asked', () => {
    expect(toSsml(['Hi.', { pause: 2 }], { softer: false, night: false })).toBe('<speak>Hi. <break time="2s"/></speak>');
    expect(toSsml(['Hi.'], { softer: true, night: false })).toBe('<speak><amazon:effect name="whispered"><prosody rate="90%">Hi.</prosody></amazon:effect></speak>');
  });

  it('speaks softly and slowly by default, with pauses outside the prosody', () => {
    expect(toSsml(['Hold it.', { pause: 10 }, 'Good.'], { softer: false })).toBe(
      '<speak><prosody rate="90%" volume="soft">Hold it.</prosody> <break time="10s"/> <prosody rate="90%" volume="soft">Good.</prosody></speak>',
    );
  });

  it('whispers when the listener asked for a softer voice', () => {
    expect(toSsml(['Hi.'], { softer: true })).toBe('<speak><amazon:effect name="whispered"><prosody rate="90%">Hi.</prosody></amazon:effect></speak>');
  });

  it("clamps pauses to Alexa's 10-second maximum and drops empty ones", () => {
    expect(toSsml([{ pause: 30 }, { pause: 0 }], { softer: false })).toBe('<speak><break time="10s"/></speak>');
  });

  it('gives card text without pauses', () => {
    expect(toPlainText(['Hold it.', { pause: 5 }, ' Good. '])).toBe('Hold it. Good.');
  });
});

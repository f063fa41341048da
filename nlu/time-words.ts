/**
 * The local NLU's stand-in for Alexa's AMAZON.TIME slot: finds a spoken time in a typed line ("at ten
 * pm", "half past nine", "9:30 p.m.", "in the evening") and gives the value Alexa would send ("22:00",
 * "21:30", "EV"), with the rest of the line for the intent classifier. nlp.js knows nothing of times.
 */

export interface HeardTime {
  /** Alexa's AMAZON.TIME value: "HH:MM", or MO / AF / EV / NI for a part of the day. */
  readonly value: string;
  /** The line without the time words, for classification ("remind me to stretch"). */
  readonly rest: string;
}

const WORD_NUMBERS: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  thirty: 30, forty: 40, fifty: 50,
};
const HOUR = `(\\d{1,2}|${Object.keys(WORD_NUMBERS).filter((w) => WORD_NUMBERS[w]! <= 12).join('|')})`;
const MINUTE_WORD = `(?:(?:twenty|thirty|forty|fifty)(?: (?:one|two|three|four|five|six|seven|eight|nine))?|oh (?:one|two|three|four|five|six|seven|eight|nine)|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)`;
const MERIDIEM = `(a m|am|p m|pm|in the morning|in the afternoon|in the evening|at night|tonight)`;
const LEAD = `(?:(?:at|for|to|around|about|by) )?`;

/** Patterns, most specific first. Each captures what parseParts needs. */
const PATTERNS: readonly { regex: RegExp; parts: (m: RegExpExecArray) => { hour: string; minute?: string; meridiem?: string; to?: boolean } }[] = [
  { regex: new RegExp(`\\b${LEAD}half past ${HOUR}(?: ${MERIDIEM})?\\b`), parts: (m) => ({ hour: m[1]!, minute: '30', meridiem: m[2] }) },
  { regex: new RegExp(`\\b${LEAD}(?:a )?quarter past ${HOUR}(?: ${MERIDIEM})?\\b`), parts: (m) => ({ hour: m[1]!, minute: '15', meridiem: m[2] }) },
  { regex: new RegExp(`\\b${LEAD}(?:a )?quarter to ${HOUR}(?: ${MERIDIEM})?\\b`), parts: (m) => ({ hour: m[1]!, minute: '45', meridiem: m[2], to: true }) },
  { regex: new RegExp(`\\b${LEAD}(\\d{1,2}):(\\d{2})(?: ${MERIDIEM})?(?=\\s|$)`), parts: (m) => ({ hour: m[1]!, minute: m[2], meridiem: m[3] }) },
  { regex: new RegExp(`\\b${LEAD}${HOUR} (\\d{2}|${MINUTE_WORD})(?: ${MERIDIEM})?\\b`), parts: (m) => ({ hour: m[1]!, minute: m[2], meridiem: m[3] }) },
  { regex: new RegExp(`\\b${LEAD}${HOUR}(?: o'?clock)? ${MERIDIEM}\\b`), parts: (m) => ({ hour: m[1]!, meridiem: m[2] }) },
  { regex: new RegExp(`\\b${LEAD}${HOUR} o'?clock\\b`), parts: (m) => ({ hour: m[1]! }) },
  { regex: /\b(?:at )?(noon|midday|midnight)\b/, parts: (m) => ({ hour: m[1] === 'midnight' ? '0' : '12', minute: '0', meridiem: '24h' }) },
  // "at ten", "make it ten" (a bare hour needs "at", "it" or "for", or to be the whole line: "step ten" is no time).
  { regex: new RegExp(`(?:^|\\b(?:at|it|for) )${HOUR}$`), parts: (m) => ({ hour: m[1]! }) },
];

const PARTS_OF_DAY: readonly [RegExp, string][] = [
  [/\b(?:in the )?morning\b/, 'MO'],
  [/\b(?:in the )?afternoon\b/, 'AF'],
  [/\b(?:in the )?evening\b/, 'EV'],
  [/\b(?:at )?night\b|\btonight\b/, 'NI'],
];

/** The time said in `line`, or undefined when there is none. */
export function heardTime(line: string): HeardTime | undefined {
  const text = line.toLowerCase().replace(/\./g, ' ').replace(/[^a-z0-9:' ]+/g, ' ').replace(/\s+/g, ' ').trim();
  for (const { regex, parts } of PATTERNS) {
    const match = regex.exec(text);
    if (!match) continue;
    const value = clockValue(parts(match));
    if (value) return { value, rest: squash(text.slice(0, match.index) + ' ' + text.slice(match.index + match[0].length)) };
  }
  for (const [regex, value] of PARTS_OF_DAY) {
    const match = regex.exec(text);
    if (match) return { value, rest: squash(text.slice(0, match.index) + ' ' + text.slice(match.index + match[0].length)) };
  }
  return undefined;
}

function clockValue({ hour, minute, meridiem, to }: { hour: string; minute?: string; meridiem?: string; to?: boolean }): string | undefined {
  let h = toNumber(hour);
  const m = minute === undefined ? 0 : toNumber(minute);
  if (h === undefined || m === undefined || m > 59 || h > 23) return undefined;
  if (to) h = h === 1 ? 12 : h - 1;
  const pm = meridiem !== undefined && /^(?:p m|pm|in the afternoon|in the evening|at night|tonight)$/.test(meridiem);
  const am = meridiem !== undefined && /^(?:a m|am|in the morning)$/.test(meridiem);
  if ((pm || am) && (h < 1 || h > 12)) return undefined;
  if (pm && h < 12) h += 12;
  if (am && h === 12) h = 0;
  // "Twelve at night" is midnight.
  if ((meridiem === 'at night' || meridiem === 'tonight') && h === 12) h = 0;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

function toNumber(words: string): number | undefined {
  if (/^\d+$/.test(words)) return Number(words);
  let total = 0;
  for (const word of words.split(' ')) {
    if (word === 'oh') continue;
    const n = WORD_NUMBERS[word];
    if (n === undefined) return undefined;
    total += n;
  }
  return total;
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Words around a time that say nothing else ("make it ten", "set it for nine", "at ten, please"). */
const FILLER = new Set(['make', 'it', 'set', 'for', 'at', 'remind', 'me', 'how', 'about', 'please', 'ok', 'okay', 'then', "let's", 'lets', 'say', 'um', 'uh', 'and']);

/** Whether `rest` (a line without its time) is nothing but filler: the line was a bare time. */
export function onlyFiller(rest: string): boolean {
  return rest.split(' ').every((word) => word === '' || FILLER.has(word));
}

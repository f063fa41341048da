/**
 * "No, it's my foot", "hamstring not calf": mid-routine, a listener correcting where the cramp is says little
 * but the muscle. The classifier hears "no" or "it's ... not" and takes it for a persisting cramp or nothing;
 * this finds the muscle meant when the words say nothing else.
 *
 * Pure: words and the muscle slot's surface forms in, the muscle meant out (or undefined).
 */

export interface MuscleForm {
  /** A value or synonym as said, normalised ("back of my thigh"). */
  readonly text: string;
  readonly id: string;
}

/** Words that carry a correction but no request of their own. */
const GLUE = new Set("no nope not it's its it is the my in on at of more actually sorry i mean it's um er oh".split(' '));

/** The muscle a correction names: the last one said that is not denied ("not calf"), when nothing else is said. */
export function correctedMuscle(text: string, forms: readonly MuscleForm[]): MuscleForm | undefined {
  let rest = ` ${text} `;
  const named: { form: MuscleForm; at: number; denied: boolean }[] = [];
  for (const form of [...forms].sort((a, b) => b.text.length - a.text.length)) {
    let at = rest.indexOf(` ${form.text} `);
    while (at >= 0) {
      const before = rest.slice(0, at + 1);
      named.push({ form, at, denied: /\bnot (?:the |my |in (?:the |my )?)?$/.test(before) });
      rest = `${rest.slice(0, at + 1)}${'_'.repeat(form.text.length)}${rest.slice(at + 1 + form.text.length)}`;
      at = rest.indexOf(` ${form.text} `);
    }
  }
  const others = rest.split(/[\s_]+/).filter((word) => word && !GLUE.has(word));
  if (named.length === 0 || others.length > 0) return undefined;
  const meant = named.filter((n) => !n.denied).sort((a, b) => b.at - a.at)[0];
  return meant?.form;
}

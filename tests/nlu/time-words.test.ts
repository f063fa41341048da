import { heardTime } from '../../nlu/time-words';

describe('spoken times in typed lines (the local AMAZON.TIME)', () => {
  it.each<[string, string, string]>([
    ['remind me to stretch at ten pm', '22:00', 'remind me to stretch'],
    ['at ten p.m.', '22:00', ''],
    ['half past nine at night', '21:30', ''],
    ['quarter to eleven pm', '22:45', ''],
    ['set a stretch reminder for 9:05 pm', '21:05', 'set a stretch reminder'],
    ['nine oh five pm', '21:05', ''],
    ['at ten', '10:00', ''],
    ['at midnight', '00:00', ''],
    ['twelve at night', '00:00', ''],
    ['remind me to stretch in the evening', 'EV', 'remind me to stretch'],
  ])('"%s" is %s', (line, value, rest) => {
    expect(heardTime(line)).toEqual({ value, rest });
  });

  it('finds no time where there is none', () => {
    for (const line of ['remind me to stretch', 'step ten', 'what causes leg cramps', 'go to step two']) expect(heardTime(line)).toBeUndefined();
  });
});

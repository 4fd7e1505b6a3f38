import { birthdaysOn } from './birthdays-on';

describe('birthdaysOn', () => {
  it.each([
    ['2026-03-15', ['03-15']],
    ['2027-02-28', ['02-28', '02-29']],
    ['2028-02-28', ['02-28']],
    ['2028-02-29', ['02-29']],
    ['2100-02-28', ['02-28', '02-29']],
    ['2000-02-28', ['02-28']],
  ])('greets on %s the birthdays of %j', (day, expected) => {
    expect(birthdaysOn(day)).toEqual(expected);
  });
});

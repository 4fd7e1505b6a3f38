/** The birthdays (`MM-DD`) greeted on a company day: 29 February's on the 28th in other years. */
export function birthdaysOn(day: string): string[] {
  const monthDay = day.slice(5);
  const year = Number(day.slice(0, 4));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return monthDay === '02-28' && !leap ? ['02-28', '02-29'] : [monthDay];
}

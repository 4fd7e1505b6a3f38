/**
 * Runs `step` (one due item, in its own transaction) until it reports there was none left; the
 * number of items done. One transaction per item keeps a failure from undoing the others.
 */
export async function oneAtATime(step: () => Promise<boolean>): Promise<number> {
  let done = 0;
  while (await step()) done += 1;
  return done;
}

// What a synchronous call throws, for specs that compare errors (fails the spec when nothing is thrown).

/** The error `fn` throws; throws itself when `fn` returns normally. */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

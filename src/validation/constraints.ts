// Whether a class carries any class-validator constraint (looked up once per class).
import { getMetadataStorage } from 'class-validator';

const cache = new WeakMap<object, boolean>();

/** True when class-validator has constraints for the class or its ancestors. */
export function hasConstraints(target: abstract new (...args: never[]) => object): boolean {
  let result = cache.get(target);
  if (result === undefined) {
    result = getMetadataStorage().getTargetValidationMetadatas(target as unknown as new () => object, '', true, false).length > 0;
    cache.set(target, result);
  }
  return result;
}

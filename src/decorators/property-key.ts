// Shared by the property decorators: the class a property decorator was applied to.
import type { ClassRef } from '../metadata/type-input.js';

/** The class owning a decorated property (experimental decorators pass the prototype). */
export function ownerOf(prototype: object): ClassRef {
  return (prototype as { constructor: ClassRef }).constructor;
}

/** `design:type` of a property, when the compiler emitted it. */
export function designTypeOf(prototype: object, property: string): unknown {
  return Reflect.getMetadata('design:type', prototype, property);
}

// class-validator on every write: all violations collected into one typed error, nothing sent on failure.
import { validate, type ValidationError as ClassValidatorError } from 'class-validator';
import { ValidationError, type FieldViolation } from '../errors.js';

/** What to validate: the whole entity (insert/save) or only the properties being written (updates). */
export interface ValidateOptions {
  /** Skip properties that are undefined (partial updates). */
  readonly partial?: boolean;
}

function flatten(errors: readonly ClassValidatorError[], prefix: string, out: FieldViolation[]): void {
  for (const e of errors) {
    const path = prefix === '' ? e.property : `${prefix}.${e.property}`;
    if (e.constraints !== undefined && Object.keys(e.constraints).length > 0) out.push(Object.freeze({ property: path, constraints: Object.freeze({ ...e.constraints }) }));
    if (e.children !== undefined && e.children.length > 0) flatten(e.children, path, out);
  }
}

/** Validates an entity instance; throws ValidationError listing every failing field. Entities without constraints pass. */
export async function validateEntity(entity: object, options: ValidateOptions = {}): Promise<void> {
  const errors = await validate(entity, {
    forbidUnknownValues: false,
    skipMissingProperties: options.partial === true,
    validationError: { target: false, value: false },
  });
  if (errors.length === 0) return;
  const violations: FieldViolation[] = [];
  flatten(errors, '', violations);
  throw new ValidationError(entity.constructor.name, violations);
}

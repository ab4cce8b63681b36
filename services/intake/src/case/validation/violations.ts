import { isKnownEnumValue, type NumericEnum } from '@mediation/contracts';
import { FieldProblems } from '@mediation/domain-kit';
import { textProblem, type TextKind } from '@mediation/service-kit';

/**
 * Collects every problem of a request (field paths in proto names), so clients see them all,
 * with the checks of the wire's shapes: enums and safe text.
 */
export class Violations extends FieldProblems {
  /** A declared, non-UNSPECIFIED value (unknown numbers arrive bare with enums: Number). */
  enumValue(field: string, enumObject: NumericEnum, value: unknown, required = true): void {
    if (!required && value === 0) return;
    if (!isKnownEnumValue(enumObject, value))
      this.add(field, value === 0 ? 'is required' : `unknown value ${String(value)}`);
  }

  /**
   * Bounded, safe text (libs/service-kit text-safety: `name` refuses control and bidi characters
   * and U+FFFD, `free` (default) refuses control characters); `pattern` for identifiers, so that
   * "{"$gt": ""}" never passes as one.
   */
  text(
    field: string,
    value: string,
    options: { max: number; required?: boolean; pattern?: RegExp; kind?: TextKind },
  ): void {
    if (typeof value !== 'string') {
      this.add(field, 'must be a string');
      return;
    }
    const unsafe = textProblem(value, options.kind ?? 'free');
    if (unsafe) {
      this.add(field, unsafe);
      return;
    }
    if (!value.trim()) {
      if (options.required) this.add(field, 'is required');
      return;
    }
    if ([...value].length > options.max) this.add(field, `at most ${options.max} characters`);
    else if (options.pattern && !options.pattern.test(value))
      this.add(field, 'has an invalid format');
  }
}

/** The `@Parent()` parameter decorator for field resolvers. */
import { createParameterDecorator } from "type-graphql";

/**
 * The object a field belongs to, exactly as its parent resolver returned it.
 *
 * Use it instead of type-graphql's `@Root()`: for a `@Root()` parameter typed
 * with a class, type-graphql copies the parent into a fresh instance of that
 * class on every field-resolver call. Our loaders return plain rows, so that
 * copy was a fifth of the CPU of a large nested query and much of its garbage,
 * and bought nothing (no resolver relies on entity methods).
 */
export function Parent() {
  return createParameterDecorator(({ root }) => root);
}

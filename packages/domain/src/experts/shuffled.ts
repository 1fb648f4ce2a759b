import { createRng } from "./rng";

/**
 * A copy of `xs` in an order fixed by `seed` (Fisher–Yates on the seeded generator): the property
 * tests use it to show that a draw or a ranking does not depend on the order its input came in.
 */
export function shuffled<T>(xs: readonly T[], seed: string): T[] {
  const rng = createRng(seed);
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

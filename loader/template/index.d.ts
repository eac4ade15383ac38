/** Returns a greeting made in Java. */
export function hello(name: string): string;
/** Adds two numbers in Java. */
export function add(a: number, b: number): number;

/**
 * One instance per console process, even when the bundler loads a module more than once (route
 * handlers and server actions can live in different chunks).
 */
export function processSingleton<T>(name: string, create: () => T): T {
  const store = globalThis as Record<symbol, unknown>;
  const key = Symbol.for(`cross-service-lab.${name}`);
  if (!(key in store)) store[key] = create();
  return store[key] as T;
}

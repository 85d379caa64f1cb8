// Runs once when the console's server starts: an experiment whose time ran out while the
// console was stopped is reverted now (lib/lab/experiments.ts), not when someone next opens
// the Resilience page.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { experiments } = await import("./lib/data/resilience-sdk.ts");
  experiments();
}

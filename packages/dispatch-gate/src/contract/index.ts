// Browser-safe contract of the dispatch gate: zod only — no database, no node:*, no pg.
export * from "./capabilities";
export * from "./list-limits";
export * from "./onboarding";
export * from "./operations";
export * from "./permissions";
export * from "./permission-needs";
export * from "./reasons";
export * from "./routes";
export * from "./runs";
export * from "./run-diagnostics";
export * from "./start-result";
export * from "./targets";
export * from "./words";
export * from "./selection";
export * from "./batches";

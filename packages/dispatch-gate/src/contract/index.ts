// Browser-safe contract of the dispatch gate: zod only — no database, no node:*, no pg.
export * from "./capabilities";
export * from "./operations";
export * from "./reasons";
export * from "./routes";
export * from "./runs";
export * from "./run-diagnostics";
export * from "./start-result";

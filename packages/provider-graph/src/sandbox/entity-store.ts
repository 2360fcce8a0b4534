import type { GraphEntity } from "./data/intune-policies";

/** One Graph collection of a sandbox tenant, in insertion order (what paging walks). */
export class EntityStore {
  private readonly entities = new Map<string, GraphEntity>();

  constructor(initial: readonly GraphEntity[] = []) {
    for (const entity of initial) this.entities.set(entity.id.toLowerCase(), entity);
  }

  all(): GraphEntity[] {
    return [...this.entities.values()];
  }

  get(id: string): GraphEntity | undefined {
    return this.entities.get(id.toLowerCase());
  }

  put(entity: GraphEntity): GraphEntity {
    this.entities.set(entity.id.toLowerCase(), entity);
    return entity;
  }

  /** Someone deleted it in the tenant (a knob for tests: the sandbox's Graph routes no DELETE). */
  remove(id: string): boolean {
    return this.entities.delete(id.toLowerCase());
  }

  get size(): number {
    return this.entities.size;
  }
}

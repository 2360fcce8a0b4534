import type { PrismaPg } from "@prisma/adapter-pg";

type StatementNameGenerator = NonNullable<NonNullable<ConstructorParameters<typeof PrismaPg>[1]>["statementNameGenerator"]>;

/** Distinct statements named per process; beyond this, statements go unnamed as before (ADR 022). */
export const MAX_NAMED_STATEMENTS = 1_000;

/**
 * Names for adapter-pg's parameterized statements. node-postgres parses a named statement once per
 * connection and afterwards only binds and executes it; PostgreSQL keeps it with its plan, so a
 * statement the product repeats (a session lookup, the start context, an admission) is no longer
 * parsed, analysed and planned on every call. The same text always gets the same name, which is
 * what node-postgres requires of a name.
 *
 * Statements without parameters stay unnamed (simple protocol, as before): DDL, VACUUM, SET and the
 * like are neither repeated nor all allowed in a prepared statement. The number of names is
 * bounded so that statements whose text varies (an IN list of varying length) cannot grow every
 * connection's set of prepared statements without end.
 */
export function statementNames(limit = MAX_NAMED_STATEMENTS): StatementNameGenerator {
  const nameOf = statementNamer("tp_", limit);
  return (query) => (query.args.length === 0 ? "" : (nameOf(query.sql) ?? ""));
}

/**
 * The naming rule itself, for any sender of parameterized statements: one text, one name (`<prefix><n>`);
 * undefined past `limit` names (the statement then goes unnamed). queryRows uses its own prefix.
 */
export function statementNamer(prefix: string, limit = MAX_NAMED_STATEMENTS): (text: string) => string | undefined {
  const names = new Map<string, string>();
  return (text) => {
    let name = names.get(text);
    if (name === undefined) {
      if (names.size >= limit) return undefined;
      name = `${prefix}${names.size + 1}`;
      names.set(text, name);
    }
    return name;
  };
}

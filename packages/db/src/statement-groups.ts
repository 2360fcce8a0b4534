/**
 * Statements sent together (group commit, done where the statements are made): while a client's
 * statements of one kind are in flight, the requests that arrive meanwhile wait and then go as ONE
 * statement. Two kinds use it:
 * - admissions (ADR 042): every accepted admission adds a graphile-worker job, and add_job NOTIFYs;
 *   PostgreSQL serialises the commits of notifying transactions on one lock held through each
 *   commit's WAL flush, so one admission per transaction meant one flush after another. A group is
 *   one transaction: one commit, one flush, one turn at the lock, whatever its size.
 * - the start read-ahead over HTTP (ADR 043): each statement costs a socket write that wakes a
 *   backend, a parse, a plan and a round trip, whatever it reads; a group pays them once.
 *
 * A request that arrives while fewer than `inFlight` groups are out is sent at once, so an idle
 * client adds no wait. A group that fails is not the answer for its members: each is sent again
 * alone and gets its own answer or error (a deleted tenant fails only its own start) — unless no
 * plan caused it (the database is unreachable): then each gets that error at once.
 */
export class StatementGroups<Plan, Answer> {
  private waiting: Member<Plan, Answer>[] = [];
  private sending = 0;
  /** Keys of the plans being decided: a plan with one of them waits for that decision first. */
  private readonly deciding = new Set<string>();

  constructor(
    /** One statement for every plan of a group, answers in the plans' order. */
    private readonly send: (plans: readonly Plan[]) => Promise<Answer[]>,
    private readonly options: {
      inFlight: number;
      maxGroup: number;
      /**
       * Plans with the same key are decided one after the other, in arrival order: never in one
       * group, nor in two groups in flight (the later would only wait on the earlier's row).
       * Without it, plans are independent (reads).
       */
      keyOf?: (plan: Plan) => string;
      /** A failure no plan caused (the database is unreachable): every plan gets it, none is sent again. */
      failsEveryPlan: (error: unknown) => boolean;
    },
  ) {}

  submit(plan: Plan): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      this.waiting.push({ plan, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.sending < this.options.inFlight && this.waiting.length > 0) {
      const group = this.nextGroup();
      if (group.length === 0) return; // every waiting plan waits for a decision in flight
      const keys = this.options.keyOf ? group.map((member) => this.options.keyOf!(member.plan)) : [];
      for (const key of keys) this.deciding.add(key);
      this.sending++;
      void this.decide(group).finally(() => {
        for (const key of keys) this.deciding.delete(key);
        this.sending--;
        this.pump();
      });
    }
  }

  /** Up to maxGroup waiting plans in arrival order, with keys neither in flight nor repeated; the rest keep waiting. */
  private nextGroup(): Member<Plan, Answer>[] {
    const { keyOf, maxGroup } = this.options;
    if (!keyOf) return this.waiting.splice(0, maxGroup);
    const group: Member<Plan, Answer>[] = [];
    const keys = new Set<string>();
    const later: Member<Plan, Answer>[] = [];
    for (const member of this.waiting) {
      const key = keyOf(member.plan);
      if (group.length < maxGroup && !keys.has(key) && !this.deciding.has(key)) {
        keys.add(key);
        group.push(member);
      } else later.push(member);
    }
    this.waiting = later;
    return group;
  }

  private async decide(group: Member<Plan, Answer>[]): Promise<void> {
    try {
      const answers = await this.send(group.map((member) => member.plan));
      group.forEach((member, i) => member.resolve(answers[i]!));
    } catch (error) {
      if (group.length === 1 || this.options.failsEveryPlan(error)) return group.forEach((member) => member.reject(error));
      // Alone, each plan meets only its own failure (or none); they are independent statements.
      await Promise.all(group.map((member) => this.send([member.plan]).then((answers) => member.resolve(answers[0]!), member.reject)));
    }
  }
}

interface Member<Plan, Answer> {
  plan: Plan;
  resolve: (answer: Answer) => void;
  reject: (error: unknown) => void;
}

/**
 * One StatementGroups per database client (a process's pool): grouping only pays among statements that
 * share connections, and a test's second client must not join the first one's groups.
 */
export function statementGroupsPerClient<Client extends object, Plan, Answer>(
  create: (client: Client) => StatementGroups<Plan, Answer>,
): (client: Client) => StatementGroups<Plan, Answer> {
  const byClient = new WeakMap<Client, StatementGroups<Plan, Answer>>();
  return (client) => {
    let groups = byClient.get(client);
    if (!groups) {
      groups = create(client);
      byClient.set(client, groups);
    }
    return groups;
  };
}

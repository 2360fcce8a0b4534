/**
 * Admissions sent together: while a client's admission statements are in flight, the admissions that
 * arrive meanwhile wait and then go as ONE statement (group commit, done where the statements are
 * made). Why: every accepted admission adds a graphile-worker job, and add_job NOTIFYs; PostgreSQL
 * serialises the commits of notifying transactions on one lock held through each commit's WAL flush,
 * so one admission per transaction meant one flush after another — sampled under 16 concurrent starts,
 * the backends spent four times longer waiting on that lock than running (ADR 042). A group is one
 * transaction: one commit, one flush, one turn at the lock, whatever its size.
 *
 * An admission that arrives while fewer than `inFlight` groups are being decided is sent at once, so
 * an idle gate adds no wait. A group that fails is not the answer for its members: each is sent again
 * alone and gets its own answer or error (a deleted tenant fails only its own start) — unless no plan
 * caused it (the database is unreachable): then each gets that error at once.
 */
export class AdmissionGroups<Plan, Answer> {
  private waiting: Member<Plan, Answer>[] = [];
  private sending = 0;
  /** Keys of the plans being decided: a plan with one of them waits for that decision first. */
  private readonly deciding = new Set<string>();

  constructor(
    /** One statement deciding every plan of a group, answers in the plans' order. */
    private readonly send: (plans: readonly Plan[]) => Promise<Answer[]>,
    private readonly options: {
      inFlight: number;
      maxGroup: number;
      /**
       * Plans with the same key are decided one after the other, in arrival order: never in one
       * group, nor in two groups in flight (the later would only wait on the earlier's row).
       */
      keyOf: (plan: Plan) => string;
      /** A failure no plan caused (the database is unreachable): every plan gets it, none is sent again. */
      failsEveryPlan: (error: unknown) => boolean;
    },
  ) {}

  admit(plan: Plan): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      this.waiting.push({ plan, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.sending < this.options.inFlight && this.waiting.length > 0) {
      const group = this.nextGroup();
      if (group.length === 0) return; // every waiting plan waits for a decision in flight
      const keys = group.map((member) => this.options.keyOf(member.plan));
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
    const group: Member<Plan, Answer>[] = [];
    const keys = new Set<string>();
    const later: Member<Plan, Answer>[] = [];
    for (const member of this.waiting) {
      const key = this.options.keyOf(member.plan);
      if (group.length < this.options.maxGroup && !keys.has(key) && !this.deciding.has(key)) {
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

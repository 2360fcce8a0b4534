/** One HTTP exchange with Entra or Graph, kept so an operator can quote ids to Microsoft support. */
export interface RequestDiagnostic {
  at: string;
  kind: "token" | "graph";
  method: string;
  /** Origin + path + query. Token request bodies (which hold the secret) are never recorded. */
  url: string;
  status?: number;
  /** Graph `request-id` / Entra `x-ms-request-id`. */
  requestId?: string;
  clientRequestId: string;
  attempt: number;
  durationMs: number;
  /** "network error", "timeout", or empty when a response arrived. */
  failure?: string;
}

/** A bounded ring of the most recent exchanges of one connection. */
export class RequestDiagnostics {
  private readonly entries: RequestDiagnostic[] = [];

  constructor(private readonly capacity = 50) {}

  record(entry: RequestDiagnostic): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  /** Newest last. */
  recent(limit = this.capacity): RequestDiagnostic[] {
    return this.entries.slice(-limit).map((entry) => ({ ...entry }));
  }
}

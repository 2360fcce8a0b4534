/** What a loader or action threw, as Remix reads a thrown `data(...)`: its status and its data. */
export async function thrownStatus(call: () => unknown): Promise<{ status: number | undefined; data: unknown }> {
  try {
    await call();
  } catch (error) {
    const thrown = error as { data?: unknown; init?: { status?: number } | null };
    return { status: thrown.init?.status, data: thrown.data };
  }
  throw new Error("expected the route to throw");
}

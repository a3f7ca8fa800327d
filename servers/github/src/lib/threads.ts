/**
 * Notification thread ID -> repository (`owner/name`), learnt from the notification lists the
 * server has read, so a thread outside --repos is refused without touching the thread. A thread
 * never changes repository; the map is bounded (oldest entries go first).
 */
export class ThreadRepos {
  private readonly known = new Map<string, string>();

  constructor(private readonly max = 5000) {}

  remember(id: string, repo: string): void {
    this.known.delete(id);
    this.known.set(id, repo);
    if (this.known.size > this.max) this.known.delete(this.known.keys().next().value as string);
  }

  get(id: string): string | undefined {
    return this.known.get(id);
  }
}

// The errors git reads end in, by kind. Its own module so that code that only tells errors
// apart (the extension host, the engine worker's client) does not load the git runner.

export type GitErrorKind = 'missing' | 'tooOld' | 'notRepository' | 'cancelled' | 'timeout' | 'failed';

export class GitError extends Error {
  constructor(
    readonly kind: GitErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

// The web page of a commit on the host a git remote names, built from the remote's URL
// alone (nothing is fetched). Only hosts whose URL layout is known get a link: github.com,
// gitlab.com (groups and subgroups) and bitbucket.org. The remote URL comes from the
// repository's config and is hostile: every path segment must be a plain name, and the
// result is assembled from those segments, never copied.

import { isCommitId } from '../history';

const HOSTS = {
  'github.com': { segments: [2, 2], commit: (path: string, hash: string) => `https://github.com/${path}/commit/${hash}` },
  'gitlab.com': { segments: [2, 20], commit: (path: string, hash: string) => `https://gitlab.com/${path}/-/commit/${hash}` },
  'bitbucket.org': { segments: [2, 2], commit: (path: string, hash: string) => `https://bitbucket.org/${path}/commits/${hash}` },
} as const;

type Host = keyof typeof HOSTS;

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$/;

/** Host and repository path of a remote URL (https, ssh:// or scp-like `git@host:owner/repo.git`), for known hosts. */
export function parseRemote(url: string): { host: Host; path: string } | undefined {
  const u = url.trim();
  if (u.length > 500 || /[\s\\]/.test(u)) return undefined;
  let host: string;
  let path: string;
  const scheme = /^(?:https?|ssh|git\+ssh):\/\/(?:[^@/]+@)?([^/:]+)(?::\d{1,5})?\/(.+)$/i.exec(u);
  const scp = /^(?:[A-Za-z0-9_.-]+@)?([A-Za-z0-9.-]+):(?!\/)(.+)$/.exec(u);
  if (scheme) [host, path] = [scheme[1]!, scheme[2]!];
  else if (scp) [host, path] = [scp[1]!, scp[2]!];
  else return undefined;
  const name = host.toLowerCase().replace(/^www\./, '');
  if (!Object.hasOwn(HOSTS, name)) return undefined;
  const segments = path
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
    .split('/');
  const [min, max] = HOSTS[name as Host].segments;
  if (segments.length < min || segments.length > max) return undefined;
  if (!segments.every((s) => SEGMENT.test(s) && s !== '.' && s !== '..' && !s.endsWith('.'))) return undefined;
  return { host: name as Host, path: segments.join('/') };
}

/** The commit's page on the remote's host, or undefined for an unknown host or a malformed URL or id. */
export function commitWebUrl(remote: string, hash: string): string | undefined {
  if (!isCommitId(hash)) return undefined;
  const r = parseRemote(remote);
  return r && HOSTS[r.host].commit(r.path, hash);
}

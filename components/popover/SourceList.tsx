import type { Source } from '@/rules/schema/rule-pack';

export interface SourceListProps {
  readonly sources: readonly Source[];
}

/** Only https links are rendered as links; anything else (or a link policy refused) is plain text. */
function isHttps(url: string): boolean {
  return url.startsWith('https://');
}

/** The documents a position rests on: title (linked when https), publisher and date. Text only. */
export function SourceList({ sources }: SourceListProps) {
  return (
    <ul class="plens-sources">
      {sources.map((s) => (
        <li key={s.url + s.title}>
          {isHttps(s.url) ? (
            <a href={s.url} target="_blank" rel="noopener noreferrer">
              {s.title}
            </a>
          ) : (
            s.title
          )}
          <span class="plens-source-meta">
            {' '}
            — {s.publisher}
            {s.date ? `, ${s.date}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}

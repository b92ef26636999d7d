import type { Source } from '@/rules/schema/rule-pack';

export interface SourceListProps {
  readonly sources: readonly Source[];
  /** Said in place of the list when there are no sources (a local pack may give none). */
  readonly emptyText?: string;
}

/** Only https links are rendered as links; anything else (or a link policy refused) is plain text. */
function isHttps(url: string): boolean {
  return url.startsWith('https://');
}

/** The documents a position rests on: title (linked when https), publisher and date. Text only. */
export function SourceList({ sources, emptyText }: SourceListProps) {
  if (sources.length === 0 && emptyText !== undefined) {
    return (
      <p class="plens-text plens-no-source" data-testid="plens-no-source">
        {emptyText}
      </p>
    );
  }
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

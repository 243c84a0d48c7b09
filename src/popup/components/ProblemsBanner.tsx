interface ProblemsBannerProps {
  readonly problems: readonly string[];
}

/** Why the stored settings are not the ones in force (unreadable storage, defaults in use, …). */
export function ProblemsBanner({ problems }: ProblemsBannerProps) {
  if (problems.length === 0) return null;
  return (
    <aside class="banner warning" aria-labelledby="problems-title">
      <h2 id="problems-title">Settings problem</h2>
      <ul>
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
    </aside>
  );
}

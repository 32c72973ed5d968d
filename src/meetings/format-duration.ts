// Human wording for a meeting length, e.g. "1 hour 30 minutes".

export function formatDuration(minutes: number): string {
  const total = Math.round(minutes);
  const hours = Math.trunc(total / 60);
  const rest = total % 60;
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (hours === 0) return plural(rest, 'minute');
  if (rest === 0) return plural(hours, 'hour');
  return `${plural(hours, 'hour')} ${plural(rest, 'minute')}`;
}

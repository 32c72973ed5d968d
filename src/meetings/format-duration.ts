// Human wording for a meeting length: "45 minutes", "1 hour", "1 hour 30 minutes", "2 hours 1 minute".

export function formatDuration(minutes: number): string {
  const unit = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  // Odd values (fractions, negatives) are shown as given rather than rounded away.
  if (!Number.isInteger(minutes) || minutes < 60) return unit(minutes, 'minute', 'minutes');
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const h = unit(hours, 'hour', 'hours');
  return rest === 0 ? h : `${h} ${unit(rest, 'minute', 'minutes')}`;
}

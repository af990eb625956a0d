/** `07:49:33.560` when the page is about one UTC day (stated at the top), else `2021-06-23 07:49:33.560`. */
export function shortTime(iso: string, day: string | null): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(iso)) return iso;
  return day !== null && iso.startsWith(day) ? iso.slice(11, 23) : `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

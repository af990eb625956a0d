/** One line per known variant (STYLE §6.10); real redis-cli 7.0.15 `--no-raw` output. */
export const clusterShardsSamples: Record<string, string> = {
  'resp2-top-and-key': '1) 1) "slots"',
  'resp2-nested-first-integer': '   2) 1) (integer) 5461',
  'resp2-integer': '      2) (integer) 10922',
  'resp2-three-markers': '   4) 1)  1) "id"',
  'resp2-right-aligned': '         10) "master"',
  'resp3-map-open': '1) 1# "slots" => ',
  'resp3-map-leaf': '      1) 1# "id" => "4cdd140a459dbd23ffc97bdaaa7e77b0cec6265a"',
  'resp3-map-integer': '         2# "port" => (integer) 7401',
  'empty-array': '   2) (empty array)',
  'old-empty': '   2) (empty list or set)',
};

/** One line per known variant (STYLE §6.10); real redis 7.0.15 / 6.2.3 output. */
export const clusterInfoSamples: Record<string, string> = {
  'cluster-state': 'cluster_state:fail',
  'cluster-stats-dash': 'cluster_stats_messages_auth-ack_sent:1',
  'links-buffer': 'total_cluster_links_buffer_limit_exceeded:0',
  'section-header': '# Replication',
  'replica-entry': 'slave0:ip=127.0.0.1,port=7403,state=online,offset=14,lag=0',
  'link-status': 'master_link_status:down',
  negative: 'master_last_io_seconds_ago:-1',
  errorstat: 'errorstat_CLUSTERDOWN:count=2',
  'config-get-key': ' 7) "cluster-node-timeout"',
  'config-get-value': ' 8) "3000"',
  'config-get-empty': ' 4) ""',
};

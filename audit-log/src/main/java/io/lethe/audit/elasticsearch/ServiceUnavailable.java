package io.lethe.audit.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import org.elasticsearch.client.ResponseException;

/** Whether a failed Elasticsearch call was answered 503 (a shard or the cluster not ready). */
final class ServiceUnavailable {

  private static final int STATUS = 503;

  private ServiceUnavailable() {}

  static boolean in(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ResponseException r
          && r.getResponse().getStatusLine().getStatusCode() == STATUS) {
        return true;
      }
      if (t instanceof ElasticsearchException e && e.status() == STATUS) {
        return true;
      }
    }
    return false;
  }
}

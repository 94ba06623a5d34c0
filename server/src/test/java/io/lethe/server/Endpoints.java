package io.lethe.server;

import java.util.List;

/**
 * Every endpoint of the API, each with a request of the right shape. The authorization matrix
 * sends them without a key and without a permission; the fuzzing pass mutates them.
 */
final class Endpoints {

  /** One endpoint: method, path with query, and a JSON body (or a raw body, or none). */
  record Endpoint(String method, String path, String body) {}

  private Endpoints() {}

  /** All endpoints, with {@code id} wherever a path or body takes an id. */
  static List<Endpoint> all(String id) {
    return List.of(
        new Endpoint("POST", "/v1/subjects", null),
        new Endpoint("GET", "/v1/subjects/" + id, null),
        new Endpoint("POST", "/v1/subjects/" + id + "/records", "{\"type\":\"account\",\"fields\":{\"name\":\"x\"}}"),
        new Endpoint("POST", "/v1/subjects/" + id + "/suspension", null),
        new Endpoint("DELETE", "/v1/subjects/" + id + "/suspension", null),
        new Endpoint("POST", "/v1/subjects/" + id + "/closure", null),
        new Endpoint("DELETE", "/v1/subjects/" + id + "/closure", null),
        new Endpoint("POST", "/v1/subjects/" + id + "/erasure", null),
        new Endpoint("GET", "/v1/subjects/" + id + "/export?purpose=data-subject-request", null),
        new Endpoint("POST", "/v1/subjects/" + id + "/migration", "{\"kek\":\"region-b\"}"),
        new Endpoint("POST", "/v1/subjects/" + id + "/objects?category=accident", "x"),
        new Endpoint("GET", "/v1/records/" + id + "?purpose=account-management", null),
        new Endpoint("GET", "/v1/records?type=account&field=mobile&value=13800000000&purpose=account-management", null),
        new Endpoint("PATCH", "/v1/records/" + id + "?purpose=data-subject-request", "{\"fields\":{\"name\":\"x\"}}"),
        new Endpoint("DELETE", "/v1/records/" + id, null),
        new Endpoint("POST", "/v1/records/" + id + "/fulfilment", null),
        new Endpoint("GET", "/v1/objects/" + id + "?purpose=accident-handling", null),
        new Endpoint("DELETE", "/v1/objects/" + id, null),
        new Endpoint("GET", "/v1/requests/" + id, null),
        new Endpoint("POST", "/v1/holds", "{\"subjectId\":\"" + id + "\",\"reason\":\"r\",\"caseRef\":\"c\"}"),
        new Endpoint("GET", "/v1/holds", null),
        new Endpoint("DELETE", "/v1/holds/" + id, null),
        new Endpoint("GET", "/v1/jobs", null),
        new Endpoint("POST", "/v1/jobs/retention-sweep/runs", "{\"dryRun\":true}"),
        new Endpoint("POST", "/v1/jobs/service-termination/runs", "{\"dryRun\":true}"),
        new Endpoint("GET", "/v1/jobs/runs/" + id, null),
        new Endpoint("GET", "/v1/jobs/runs?job=retention-sweep", null),
        new Endpoint("POST", "/v1/jobs/anonymization/runs", "{\"dryRun\":true}"),
        new Endpoint("GET", "/v1/statistics?type=accident&field=locationText", null),
        new Endpoint("GET", "/v1/audit/events", null),
        new Endpoint("GET", "/v1/audit/counts", null),
        new Endpoint("GET", "/v1/audit/touched-subjects?actor=a&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z", null),
        new Endpoint("GET", "/v1/audit/export", null),
        new Endpoint("POST", "/v1/audit/verify", null),
        new Endpoint("GET", "/v1/keys", null),
        new Endpoint("POST", "/v1/keys/rotation", null),
        new Endpoint("POST", "/v1/principals", "{\"name\":\"x\",\"roles\":[\"admin\"]}"),
        new Endpoint("GET", "/v1/principals", null),
        new Endpoint("DELETE", "/v1/principals/" + id, null),
        new Endpoint("GET", "/v1/schema", null),
        new Endpoint("GET", "/v1/policies", null));
  }
}

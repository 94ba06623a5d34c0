package io.lethe.benchmarks;

import io.lethe.benchmarks.HttpLoadApi.Answer;
import io.lethe.benchmarks.HttpLoadCorpus.Written;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client of the mix, in a loop until stopped: each request waits for the previous one, as a
 * backend service's thread does. Out of 100 draws: 8 new accounts (subject, then account record),
 * 8 vehicle records, 4 accident records each with a scene photo, 45 masked reads, 25 blind-index
 * lookups, 5 subject exports (when the server has the endpoint; else reads) and 5 audit searches.
 */
final class HttpLoadClient implements Runnable {

  private static final String MASKED = "\"view\":\"masked\"";

  private final HttpLoadApi api;
  private final HttpLoadCorpus corpus;
  private final HttpOperations operations;
  private final boolean exports;
  private final List<byte[]> photos;
  private final AtomicBoolean running;
  private final SplittableRandom random;

  HttpLoadClient(HttpLoadApi api, HttpLoadCorpus corpus, HttpOperations operations,
      boolean exports, List<byte[]> photos, AtomicBoolean running, long seed) {
    this.api = api;
    this.corpus = corpus;
    this.operations = operations;
    this.exports = exports;
    this.photos = photos;
    this.running = running;
    this.random = new SplittableRandom(seed);
  }

  @Override
  public void run() {
    while (running.get()) {
      try {
        next();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Every operation of the mix once, in order, before the load starts: each is known to work,
   * whatever the machine's speed, and the corpus holds every kind of record from the start.
   */
  void primeEveryOperation() throws InterruptedException {
    newAccount();
    String subject = corpus.anySubject(random).orElseThrow(
        () -> new IllegalStateException("the first subject could not be created"));
    write(subject, "vehicle", "vehicle-services", SyntheticData.vehicle(random), "plate");
    accident(subject);
    read();
    lookup();
    if (exports) {
      call("subject.export", () -> api.exportSubject(subject), null);
    }
    call("audit.search", () -> api.searchAudit(subject), null);
  }

  private void next() throws InterruptedException {
    int draw = random.nextInt(100);
    String subject = corpus.anySubject(random).orElse(null);
    if (subject == null || draw < 8) {
      newAccount();
    } else if (draw < 16) {
      write(subject, "vehicle", "vehicle-services", SyntheticData.vehicle(random),
          random.nextBoolean() ? "vin" : "plate");
    } else if (draw < 20) {
      accident(subject);
    } else if (draw < 65 || draw >= 90 && draw < 95 && !exports) {
      read();
    } else if (draw < 90) {
      lookup();
    } else if (draw < 95) {
      call("subject.export", () -> api.exportSubject(subject), null);
    } else {
      call("audit.search", () -> api.searchAudit(subject), null);
    }
  }

  private void newAccount() throws InterruptedException {
    Answer subject = call("subject.create", api::createSubject, null);
    if (subject != null) {
      String id = subject.json().path("id").asText();
      corpus.subject(id);
      Map<String, String> fields = SyntheticData.account(random);
      write(id, "account", "account-management", fields,
          random.nextBoolean() ? "mobile" : "idNumber");
    }
  }

  private Answer write(String subject, String type, String purpose, Map<String, String> fields,
      String lookupField) throws InterruptedException {
    Answer created = call("record.create." + type, () -> api.createRecord(subject, type, fields),
        null);
    if (created != null) {
      corpus.record(new Written(subject, created.json().path("id").asText(), type, purpose,
          lookupField, lookupField == null ? null : fields.get(lookupField)));
    }
    return created;
  }

  private void accident(String subject) throws InterruptedException {
    Answer created = write(subject, "accident", "accident-handling",
        SyntheticData.accident(random), null);
    if (created != null) {
      byte[] photo = photos.get(random.nextInt(photos.size()));
      call("object.upload", () -> api.uploadPhoto(subject, created.json().path("id").asText(),
          photo), null);
    }
  }

  private void read() throws InterruptedException {
    Written w = corpus.anyRecord(random).orElse(null);
    if (w == null) {
      newAccount();
      return;
    }
    call("record.read", () -> api.readRecord(w.recordId(), w.purpose()), MASKED);
  }

  private void lookup() throws InterruptedException {
    Written w = corpus.anySearchable(random).orElse(null);
    if (w == null) {
      read();
      return;
    }
    call("record.lookup", () -> api.lookup(w.type(), w.lookupField(), w.lookupValue(),
        w.purpose()), w.recordId());
  }

  /** The problem's stable code after a space ("503 audit.index.unavailable"), or "". */
  private static String problemCode(Answer answer) {
    try {
      String code = answer.json().path("code").asText("");
      return code.isEmpty() ? "" : " " + code;
    } catch (RuntimeException notJson) {
      return "";
    }
  }

  interface Call {
    Answer send() throws IOException, InterruptedException;
  }

  /**
   * Times one request; the answer if it succeeded (a 2xx, containing {@code expected} when one
   * is given), else null with the failure counted.
   */
  private Answer call(String operation, Call call, String expected) throws InterruptedException {
    long start = System.nanoTime();
    Answer answer;
    try {
      answer = call.send();
    } catch (IOException e) {
      operations.failed(operation, "io");
      return null;
    }
    long nanos = System.nanoTime() - start;
    if (!answer.ok()) {
      operations.failed(operation, answer.status() + problemCode(answer));
      return null;
    }
    if (expected != null && !answer.body().contains(expected)) {
      operations.failed(operation, "unexpected-answer");
      return null;
    }
    operations.succeeded(operation, nanos);
    return answer;
  }
}

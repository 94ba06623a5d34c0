package io.lethe.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Clients that repeat one step against the API until stopped, keeping every answer: the load a
 * fault test runs while it takes a server away.
 */
final class ClientLoad {

  /** One round of a client: the requests it sends, each answer added to {@code answers}. */
  interface Step {
    void run(List<ApiClient.Response> answers) throws Exception;
  }

  private final List<ApiClient.Response> answers = new CopyOnWriteArrayList<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final ExecutorService pool;
  private final Future<?>[] clients;

  private ClientLoad(int clients, Step step) {
    pool = Executors.newFixedThreadPool(clients);
    this.clients = new Future<?>[clients];
    for (int i = 0; i < clients; i++) {
      this.clients[i] = pool.submit(() -> {
        while (!stop.get()) {
          step.run(answers);
        }
        return null;
      });
    }
  }

  static ClientLoad start(int clients, Step step) {
    return new ClientLoad(clients, step);
  }

  /** Every answer so far, in arrival order. */
  List<ApiClient.Response> answers() {
    return answers;
  }

  long count(int status) {
    return answers.stream().filter(r -> r.status() == status).count();
  }

  /** Waits, up to a minute, until at least {@code atLeast} answers had this status. */
  void awaitStatus(int status, long atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (count(status) < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  /** Waits, up to a minute, until at least {@code atLeast} answers arrived. */
  void awaitAnswers(long atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (answers.size() < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  /** Stops the clients after their current round; a client's failure is thrown here. */
  void stop() throws Exception {
    stop.set(true);
    try {
      for (Future<?> client : clients) {
        client.get();
      }
    } finally {
      pool.shutdown();
    }
  }
}

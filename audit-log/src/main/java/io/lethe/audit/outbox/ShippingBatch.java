package io.lethe.audit.outbox;

import io.lethe.audit.AuditIndex;
import io.lethe.audit.chain.ChainLink;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rows read for one request to the index, each with its link: computed from {@code head} for rows
 * chained at shipping, or as stored by an earlier release ({@code storedLinks}, head untouched).
 * {@code run} counts the batches read ahead in a row before this one.
 */
record ShippingBatch(OutboxChainer.Head head, List<OutboxRow> rows, List<ChainLink> links,
    boolean storedLinks, int run) {

  /** What the index confirmed: the rows to delete and where the head moves (null: stays). */
  record Done(List<OutboxRow> rows, ChainLink newHead) {}

  static ShippingBatch linked(OutboxChainer.Head head, List<OutboxRow> rows, int run) {
    return new ShippingBatch(head, rows, head.links(rows), false, run);
  }

  static ShippingBatch storedLinks(OutboxChainer.Head head, List<OutboxRow> rows) {
    return new ShippingBatch(head, rows, rows.stream().map(OutboxRow::storedLink).toList(), true,
        0);
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  int size() {
    return rows.size();
  }

  /** True when this batch was linked from {@code current}, the head as it is now. */
  boolean follows(OutboxChainer.Head current) {
    return !storedLinks && head.equals(current);
  }

  /** True when the next batch may be read and linked while this one is on its way. */
  boolean readsAhead(int maxRun) {
    return !storedLinks && run < maxRun;
  }

  /** The head after this batch, if the index confirms all of it. */
  OutboxChainer.Head end() {
    return OutboxChainer.Head.of(links.get(links.size() - 1));
  }

  long lastOutboxSeq() {
    return rows.get(rows.size() - 1).seq();
  }

  List<AuditIndex.Document> documents() {
    List<AuditIndex.Document> docs = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      OutboxRow row = rows.get(i);
      docs.add(new AuditIndex.Document(row.eventId(), row.month(),
          IndexedForm.of(row.document(), links.get(i))));
    }
    return docs;
  }

  /**
   * Rows chained at shipping leave the outbox only as an unbroken prefix: the head cannot pass an
   * event the index did not take, so the ones after it are linked again from there next time.
   * Rows with stored links keep them, so every confirmed one leaves.
   */
  Done done(Set<String> confirmed) {
    if (storedLinks) {
      return new Done(rows.stream().filter(r -> confirmed.contains(r.eventId())).toList(), null);
    }
    int prefix = 0;
    while (prefix < rows.size() && confirmed.contains(rows.get(prefix).eventId())) {
      prefix++;
    }
    return new Done(rows.subList(0, prefix), prefix == 0 ? null : links.get(prefix - 1));
  }
}

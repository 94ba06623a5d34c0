package io.lethe.server;

import org.springframework.core.Ordered;
import org.springframework.test.annotation.DirtiesContext.HierarchyMode;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Closes each test class's application context when the class ends. Every server test class
 * has its own data folder, database schema and object store, so no context is ever reused; a
 * cached one would keep its scheduler, audit shipper and orphan sweeps running against servers
 * that are gone, costing CPU, connections and heap for the rest of the run.
 */
public final class ClosesContextAfterClass implements TestExecutionListener, Ordered {

  @Override
  public void afterTestClass(TestContext testContext) {
    if (testContext.hasApplicationContext()) {
      testContext.markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
    }
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}

package io.lethe.testsupport.leaks;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Everything logged while a test class runs, at every level, with stack traces, so a test can
 * prove that known plaintext never reached a log line or an exception message.
 */
public final class LogCapture implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

  private final Appender appender = new Appender();

  @Override
  public void beforeAll(ExtensionContext context) {
    attach();
  }

  /** Again before each test: Spring Boot resets logging when it starts a context. */
  @Override
  public void beforeEach(ExtensionContext context) {
    attach();
  }

  private void attach() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (root.isAttached(appender)) {
      return;
    }
    appender.setContext(root.getLoggerContext());
    appender.start();
    root.addAppender(appender);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(appender);
    appender.stop();
  }

  /** Every captured line, message and stack trace, in order. */
  public String text() {
    synchronized (appender.lines) {
      return String.join("\n", appender.lines);
    }
  }

  /** How many events were captured: a scan of nothing proves nothing. */
  public int events() {
    synchronized (appender.lines) {
      return appender.lines.size();
    }
  }

  private static final class Appender extends AppenderBase<ILoggingEvent> {
    private final List<String> lines = new ArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
      StringBuilder line = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " "
          + event.getFormattedMessage());
      if (event.getThrowableProxy() != null) {
        line.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
      }
      synchronized (lines) {
        lines.add(line.toString());
      }
    }
  }
}

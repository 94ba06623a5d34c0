package io.lethe.storage;

/** A subject's lifecycle, with every allowed transition in one place. */
public enum SubjectStatus {
  /** Data is written and read as the schema allows. */
  ACTIVE,
  /**
   * The subject asked to freeze the account: nothing is written until resumed, and nothing is
   * read except for {@link #LEGAL_OBLIGATION}.
   */
  SUSPENDED,
  /** The subject key is destroyed; nothing about the subject can be decrypted again. Final. */
  ERASED;

  /**
   * The one purpose for which a suspended subject's data may still be read: the law can demand
   * it of a frozen account (courts, police), while nothing else may.
   */
  public static final String LEGAL_OBLIGATION = "legal-obligation";

  /** Whether data of a subject in this status may be read for {@code purpose}. */
  public boolean readableFor(String purpose) {
    return switch (this) {
      case ACTIVE -> true;
      case SUSPENDED -> LEGAL_OBLIGATION.equals(purpose);
      case ERASED -> false;
    };
  }

  public boolean canBecome(SubjectStatus next) {
    return switch (this) {
      case ACTIVE -> next == SUSPENDED || next == ERASED;
      case SUSPENDED -> next == ACTIVE || next == ERASED;
      case ERASED -> false;
    };
  }
}

package io.lethe.storage;

/** A subject's lifecycle, with every allowed transition in one place. */
public enum SubjectStatus {
  /** Data is written and read as the schema allows. */
  ACTIVE,
  /** The subject asked to freeze the account: nothing is written or read until resumed. */
  SUSPENDED,
  /** The subject key is destroyed; nothing about the subject can be decrypted again. Final. */
  ERASED;

  public boolean canBecome(SubjectStatus next) {
    return switch (this) {
      case ACTIVE -> next == SUSPENDED || next == ERASED;
      case SUSPENDED -> next == ACTIVE || next == ERASED;
      case ERASED -> false;
    };
  }
}

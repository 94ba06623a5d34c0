package io.lethe.testsupport.vault;

/** Vault's logical operations; the ACL capability of each is its lower-case name. */
enum Op {
  READ, LIST, CREATE, UPDATE, DELETE, PATCH, HEADER;

  String capability() {
    return this == HEADER ? "read" : name().toLowerCase(java.util.Locale.ROOT);
  }
}

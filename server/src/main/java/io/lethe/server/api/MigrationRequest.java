package io.lethe.server.api;

import io.lethe.server.problem.BadRequestException;

/** The body of {@code POST /v1/subjects/{id}/migration}: the name of the KEK to move under. */
record MigrationRequest(String kek) {

  void validate() {
    if (kek == null || kek.isBlank()) {
      throw new BadRequestException("The field 'kek' (the name of a configured KEK) is required.");
    }
  }
}

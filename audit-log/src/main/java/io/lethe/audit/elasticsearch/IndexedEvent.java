package io.lethe.audit.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;

/** An indexed audit document and the monthly index that holds it. */
public record IndexedEvent(String index, JsonNode document) {}

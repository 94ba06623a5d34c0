package io.lethe.storage;

import java.util.LinkedHashMap;
import java.util.Map;

/** Test data builder for {@code vehicle} records: {@code aVehicle().withPlate(...).build()}. */
final class VehicleFields {

  static final String PLATE = "京AD12345";
  /** A Chinese VIN whose ISO 3779 check digit (position 9) is 0. */
  static final String VIN = "LFV2A21K0P3012345";
  static final String INVOICE = "044031900111-08391287";

  private final Map<String, String> fields = new LinkedHashMap<>();

  private VehicleFields() {
    fields.put("plate", PLATE);
    fields.put("vin", VIN);
    fields.put("vehicleModel", "大众牌FV7152FBDBG");
    fields.put("purchaseInvoiceNumber", INVOICE);
  }

  static VehicleFields aVehicle() {
    return new VehicleFields();
  }

  VehicleFields withPlate(String plate) {
    fields.put("plate", plate);
    return this;
  }

  VehicleFields withVin(String vin) {
    fields.put("vin", vin);
    return this;
  }

  Map<String, String> build() {
    return new LinkedHashMap<>(fields);
  }
}

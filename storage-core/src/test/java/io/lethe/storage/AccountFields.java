package io.lethe.storage;

import java.util.LinkedHashMap;
import java.util.Map;

/** Test data builder for {@code account} records: {@code anAccount().withMobile(...).build()}. */
final class AccountFields {

  static final String ID_NUMBER = "11010519491231002X";
  static final String NAME = "张三丰";
  static final String MOBILE = "13812345678";
  static final String EMAIL = "zhang.san@example.com";

  private final Map<String, String> fields = new LinkedHashMap<>();

  private AccountFields() {
    fields.put("idType", "resident-id-card");
    fields.put("idNumber", ID_NUMBER);
    fields.put("name", NAME);
    fields.put("mobile", MOBILE);
    fields.put("province", "北京市");
    fields.put("city", "北京市");
    fields.put("email", EMAIL);
  }

  static AccountFields anAccount() {
    return new AccountFields();
  }

  AccountFields withIdNumber(String idNumber) {
    return with("idNumber", idNumber);
  }

  AccountFields withMobile(String mobile) {
    return with("mobile", mobile);
  }

  AccountFields with(String field, String value) {
    fields.put(field, value);
    return this;
  }

  AccountFields without(String field) {
    fields.remove(field);
    return this;
  }

  Map<String, String> build() {
    return new LinkedHashMap<>(fields);
  }
}

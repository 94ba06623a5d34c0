package io.lethe.storage.fields;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingRuleTest {

  @Test
  void idNumber_keepsFirst3AndLast4() {
    assertThat(MaskingRule.CN_ID_NUMBER.mask("11010519491231002X")).isEqualTo("110***********002X");
  }

  @Test
  void mobile_keepsFirst3AndLast4() {
    assertThat(MaskingRule.CN_MOBILE.mask("13812345678")).isEqualTo("138****5678");
  }

  @Test
  void chineseName_keepsTheSurnameOnly() {
    assertThat(MaskingRule.CN_NAME.mask("张三丰")).isEqualTo("张**");
    assertThat(MaskingRule.CN_NAME.mask("李四")).isEqualTo("李*");
  }

  @Test
  void chineseName_withCompoundSurname_keepsOnlyItsFirstCharacter() {
    assertThat(MaskingRule.CN_NAME.mask("欧阳修")).isEqualTo("欧**");
  }

  @Test
  void chineseName_withCharacterOutsideTheBmp_masksWholeCodePoints() {
    // 𠀾 (U+2003E) is two UTF-16 units but one character: one star, never half a surrogate.
    assertThat(MaskingRule.CN_NAME.mask("王𠀾")).isEqualTo("王*");
    assertThat(MaskingRule.CN_NAME.mask("𠀾明")).isEqualTo("𠀾*");
  }

  @Test
  void email_keepsFirstCharacterOfLocalPartAndTheDomain() {
    assertThat(MaskingRule.EMAIL.mask("zhangsan@example.com")).isEqualTo("z***@example.com");
  }

  @Test
  void email_withoutLocalPart_isFullyMasked() {
    assertThat(MaskingRule.EMAIL.mask("@example.com")).isEqualTo("***");
  }

  @Test
  void address_keepsUpToTheFirstCity() {
    assertThat(MaskingRule.ADDRESS.mask("北京市海淀区中关村大街27号"))
        .isEqualTo("北京市***********");
    assertThat(MaskingRule.ADDRESS.mask("广东省深圳市南山区科技园路1号"))
        .isEqualTo("广东省深圳市*********");
    assertThat(MaskingRule.ADDRESS.mask("四川省凉山彝族自治州西昌市航天大道")).startsWith("四川省凉山彝族自治州*");
    assertThat(MaskingRule.ADDRESS.mask("内蒙古自治区锡林郭勒盟锡林浩特市")).isEqualTo("内蒙古自治区锡林郭勒盟*****");
  }

  @Test
  void address_withoutCityMarkNearTheStart_keepsFirst6Characters() {
    assertThat(MaskingRule.ADDRESS.mask("海淀区中关村大街27号院3号楼")).isEqualTo("海淀区中关村*********");
    // A 市 far into the text (超市, a supermarket) is not a city: never reveal the street.
    assertThat(MaskingRule.ADDRESS.mask("雄安新区容城县奥威路与容易线交叉口东北角的华联超市"))
        .startsWith("雄安新区容城*").doesNotContain("超市");
  }

  @Test
  void plate_keepsProvinceLetterAndLastCharacter() {
    assertThat(MaskingRule.CN_PLATE.mask("京A12345")).isEqualTo("京A****5");
    assertThat(MaskingRule.CN_PLATE.mask("京AD12345")).isEqualTo("京A*****5");
  }

  @Test
  void vin_keepsManufacturerAndLast4() {
    assertThat(MaskingRule.VIN.mask("LFV2A21K0P3012345")).isEqualTo("LFV**********2345");
  }

  @Test
  void bankCardAndImei_keepLast4() {
    assertThat(MaskingRule.BANK_CARD.mask("6222021001123456789")).isEqualTo("***************6789");
    assertThat(MaskingRule.LAST_4.mask("490154203237518")).isEqualTo("***********7518");
  }

  @Test
  void mac_keepsLast4HexDigitsAndSeparators() {
    assertThat(MaskingRule.MAC_ADDRESS.mask("A4:5E:60:C2:1B:0F")).isEqualTo("**:**:**:**:1B:0F");
  }

  @Test
  void geoPoint_isRoundedTo2Decimals() {
    assertThat(MaskingRule.GEO_POINT.mask("39.9042,116.4074")).isEqualTo("39.90,116.41");
    assertThat(MaskingRule.GEO_POINT.mask("-33.8688,151.2093")).isEqualTo("-33.87,151.21");
    assertThat(MaskingRule.GEO_POINT.mask("90,-180")).isEqualTo("90.00,-180.00");
  }

  @Test
  void ip_dropsLastOctet_orKeepsIpv6Slash48() {
    assertThat(MaskingRule.IP_ADDRESS.mask("203.0.113.7")).isEqualTo("203.0.113.*");
    assertThat(MaskingRule.IP_ADDRESS.mask("2001:db8:85a3:0:0:8a2e:370:7334"))
        .isEqualTo("2001:db8:85a3:*");
  }

  @Test
  void full_hidesEvenTheLength() {
    assertThat(MaskingRule.FULL.mask("objects/4f1c9a")).isEqualTo("****");
    assertThat(MaskingRule.FULL.mask("x")).isEqualTo("****");
  }

  @Test
  void valueTooShortToKeepBothEnds_isFullyMasked() {
    assertThat(MaskingRule.CN_MOBILE.mask("1234567")).isEqualTo("*******");
    assertThat(MaskingRule.ADDRESS.mask("北京市")).isEqualTo("***");
  }

  @Test
  void none_returnsTheValueUnchanged() {
    assertThat(MaskingRule.NONE.mask("北京市")).isEqualTo("北京市");
  }

  @Test
  void yamlNames_roundTrip() {
    for (MaskingRule rule : MaskingRule.values()) {
      assertThat(MaskingRule.fromYamlName(rule.yamlName())).contains(rule);
    }
  }
}

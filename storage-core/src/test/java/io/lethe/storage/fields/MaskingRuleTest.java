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
  void address_keepsFirst6Characters() {
    assertThat(MaskingRule.ADDRESS.mask("北京市海淀区中关村大街27号"))
        .isEqualTo("北京市海淀区********");
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

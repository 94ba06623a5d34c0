package io.lethe.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BlindIndexSettingsTest {

  @Test
  void defaults_are16Bytes() {
    assertThat(BlindIndexSettings.defaults().digestBytes()).isEqualTo(16);
  }

  @Test
  void digestLength_between8And32_isAccepted_otherwiseRefused() {
    assertThat(new BlindIndexSettings(8).digestBytes()).isEqualTo(8);
    assertThat(new BlindIndexSettings(32).digestBytes()).isEqualTo(32);
    assertThatThrownBy(() -> new BlindIndexSettings(7)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BlindIndexSettings(33))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

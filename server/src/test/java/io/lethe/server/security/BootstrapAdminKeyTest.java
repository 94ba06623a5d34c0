package io.lethe.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BootstrapAdminKeyTest {

  @Test
  void aGeneratedKey_isAccepted() {
    ApiKey generated = ApiKey.generate();
    assertThat(BootstrapAdmin.strongKey(generated.reveal()).digest())
        .isEqualTo(generated.digest());
  }

  @Test
  void aValueThatIsNoApiKey_isRefused_withoutEchoingIt() {
    String value = "my-admin-password-2026";
    assertThatThrownBy(() -> BootstrapAdmin.strongKey(value))
        .hasMessageContaining("LETHE_BOOTSTRAP_ADMIN_KEY is not a Lethe API key")
        .hasMessageContaining("openssl rand")
        .hasMessageNotContaining(value);
  }

  @Test
  void aKeyOfTheRightShapeButPatternedSecret_isRefusedAsWeak_withoutEchoingIt() {
    String weak = "lth_0123456789ab_" + "abcabcabcabcabcabcabcabcabcabcabcabcabcabca";
    assertThatThrownBy(() -> BootstrapAdmin.strongKey(weak))
        .hasMessageContaining("LETHE_BOOTSTRAP_ADMIN_KEY is too weak")
        .hasMessageNotContaining("abcabc");
  }
}

package io.lethe.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.storage.crypto.FieldCipher;
import io.lethe.storage.crypto.FieldContext;
import io.lethe.storage.crypto.FieldEncryption;
import io.lethe.storage.crypto.SecretBytes;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FieldEncryptionsTest {

  @Test
  void withoutTheSetting_fieldsAreEncrypted_evenWhenAStandInIsOnTheClassPath() {
    assertThat(FieldEncryptions.select(null, Stream.of(provider()))).isInstanceOf(FieldCipher.class);
    assertThat(FieldEncryptions.select(" ", Stream.of(provider()))).isInstanceOf(FieldCipher.class);
  }

  @Test
  void theSettingAndTheJarTogether_selectTheStandIn() {
    assertThat(FieldEncryptions.select(StandIn.class.getName(), Stream.of(provider())))
        .isInstanceOf(StandIn.class);
  }

  @Test
  void theSettingWithoutTheJar_stopsTheStart() {
    assertThatThrownBy(() -> FieldEncryptions.select(StandIn.class.getName(), Stream.empty()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(FieldEncryptions.SETTING)
        .hasMessageContaining("no jar on the class path provides");
  }

  static final class StandIn implements FieldEncryption {
    @Override
    public byte[] encrypt(SecretBytes key, FieldContext context, byte[] plaintext) {
      return plaintext.clone();
    }

    @Override
    public byte[] decrypt(SecretBytes key, FieldContext context, byte[] stored) {
      return stored.clone();
    }
  }

  private static ServiceLoader.Provider<FieldEncryption> provider() {
    return new ServiceLoader.Provider<>() {
      @Override
      public Class<? extends FieldEncryption> type() {
        return StandIn.class;
      }

      @Override
      public FieldEncryption get() {
        return new StandIn();
      }
    };
  }
}

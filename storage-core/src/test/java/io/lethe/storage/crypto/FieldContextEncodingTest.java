package io.lethe.storage.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The allocation-free encoding writes exactly the canonical bytes, or declines. */
class FieldContextEncodingTest {

  private final UUID subject = UUID.randomUUID();
  private final UUID record = UUID.randomUUID();

  @Test
  void anAsciiName_isWrittenAsTheCanonicalBytes() {
    FieldContext context = new FieldContext(subject, record, "idNumber", 7);
    byte[] scratch = new byte[200];
    Arrays.fill(scratch, (byte) 0x5a); // what a previous, longer context left behind

    int length = context.writeAssociatedData(FieldCipher.FORMAT_V1, scratch);

    assertThat(Arrays.copyOf(scratch, length))
        .isEqualTo(context.associatedData(FieldCipher.FORMAT_V1));
  }

  @Test
  void aNonAsciiName_orOneThatDoesNotFit_isDeclined() {
    byte[] scratch = new byte[FieldContext.FIXED_BYTES + 8];
    assertThat(new FieldContext(subject, record, "姓名", 1)
        .writeAssociatedData(FieldCipher.FORMAT_V1, scratch)).isEqualTo(-1);
    assertThat(new FieldContext(subject, record, "nineChars", 1)
        .writeAssociatedData(FieldCipher.FORMAT_V1, scratch)).isEqualTo(-1);
    assertThat(new FieldContext(subject, record, "eightChr", 1)
        .writeAssociatedData(FieldCipher.FORMAT_V1, scratch))
        .isEqualTo(FieldContext.FIXED_BYTES + 8);
  }

  @Test
  void namesTakingTheAllocatingPath_stillRoundTrip_andStayBound() {
    FieldCipher cipher = FieldCipher.create();
    SecretBytes key = SecretBytes.random(32, new SecureRandom());
    byte[] plaintext = "13800138000".getBytes(UTF_8);
    for (String name : new String[] {"姓名", "x".repeat(300)}) {
      FieldContext context = new FieldContext(subject, record, name, 1);
      byte[] stored = cipher.encrypt(key, context, plaintext);
      assertThat(cipher.decrypt(key, context, stored)).isEqualTo(plaintext);
    }
  }
}

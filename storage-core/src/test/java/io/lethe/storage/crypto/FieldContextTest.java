package io.lethe.storage.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The v2 encoding's two paths for the field name: ASCII in place, anything else via UTF-8. */
class FieldContextTest {

  private final UUID subject = UUID.randomUUID();
  private final UUID record = UUID.randomUUID();

  @Test
  void compactAssociatedData_ofAnAsciiName_isTheDocumentedLayout() {
    assertThat(new FieldContext(subject, record, "recipient-Mobile2", 9)
        .compactAssociatedData(FieldCipher.FORMAT_V2))
        .isEqualTo(expected("recipient-Mobile2", 9));
  }

  @Test
  void compactAssociatedData_ofANameThatTurnsNonAsciiPartWay_encodesItAsUtf8() {
    for (String name : new String[] {"a姓", "mobile\u0080", "名", "x\uD83D\uDE00y"}) {
      assertThat(new FieldContext(subject, record, name, Integer.MAX_VALUE)
          .compactAssociatedData(FieldCipher.FORMAT_V2))
          .as(name).isEqualTo(expected(name, Integer.MAX_VALUE));
    }
  }

  private byte[] expected(String name, int schemaVersion) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x02);
    out.write('F');
    out.writeBytes(ByteBuffer.allocate(36).putLong(subject.getMostSignificantBits())
        .putLong(subject.getLeastSignificantBits()).putLong(record.getMostSignificantBits())
        .putLong(record.getLeastSignificantBits()).putInt(schemaVersion).array());
    out.writeBytes(name.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}

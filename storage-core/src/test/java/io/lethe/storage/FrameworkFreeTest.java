package io.lethe.storage;

import io.lethe.testsupport.arch.FrameworkFreeLibrary;
import org.junit.jupiter.api.Test;

class FrameworkFreeTest {

  @Test
  void productionClasses_importNoSpringShiroOrServletApi() {
    FrameworkFreeLibrary.check("io.lethe.storage");
  }
}

package io.lethe.audit;

import io.lethe.testsupport.arch.FrameworkFreeLibrary;
import org.junit.jupiter.api.Test;

class FrameworkFreeTest {

  @Test
  void productionClasses_importNoSpringShiroOrServletApi() {
    FrameworkFreeLibrary.check("io.lethe.audit");
  }
}

package io.lethe.storage.keys.vault;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** vault-java-driver is touched in exactly one package, which translates its exceptions. */
class VaultDriverConfinementTest {

  @Test
  void onlyTheVaultAdapterPackage_usesVaultJavaDriver() {
    JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.lethe.storage");
    noClasses().that().resideOutsideOfPackage("io.lethe.storage.keys.vault")
        .should().dependOnClassesThat().resideInAPackage("io.github.jopenlibs..")
        .check(classes);
  }
}

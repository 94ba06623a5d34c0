package io.lethe.testsupport.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The libraries (storage-core, audit-log, lifecycle-scheduler) import no Spring, Shiro or
 * servlet classes: the server wires them, so they stay usable from any host. Each library runs
 * this from a unit test of its own.
 */
public final class FrameworkFreeLibrary {

  private FrameworkFreeLibrary() {}

  /** Fails with ArchUnit's report if a production class under {@code rootPackage} breaks it. */
  public static void check(String rootPackage) {
    JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(rootPackage);
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "org.springframework..", "org.apache.shiro..", "javax.servlet..", "jakarta.servlet..")
        .because("the libraries stay free of frameworks; the server wires them")
        .check(classes);
  }
}

package io.jenkins.plugins.mlops.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The product's layers ({@link MlopsArchitecture}) as the core sees them, and what holds inside the core only. The
 * engine runs in the CLI and on agents without Jenkins on the class path.
 */
@AnalyzeClasses(packages = "io.jenkins.plugins.mlops.core", importOptions = MlopsArchitecture.ProductionCode.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests layers = ArchTests.in(MlopsArchitecture.class);

    @ArchTest
    static final ArchRule onlyTheRegistryPicksABackend = noClasses()
            .that().resideOutsideOfPackage("io.jenkins.plugins.mlops.core.registry..")
            .should().dependOnClassesThat().resideInAnyPackage("io.jenkins.plugins.mlops.core.registry.embedded..",
                    "io.jenkins.plugins.mlops.core.registry.oci..")
            .because("RegistryLocation parses the location once and opens the backend; callers see ModelRegistry");

    @Test
    void testClassesAreNotPublic() {
        MlopsArchitecture.TEST_CLASSES_ARE_NOT_PUBLIC.check(new ClassFileImporter()
                .withImportOption(new ImportOption.OnlyIncludeTests()).importPackages("io.jenkins.plugins.mlops.core"));
    }
}

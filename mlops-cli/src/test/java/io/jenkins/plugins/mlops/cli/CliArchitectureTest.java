package io.jenkins.plugins.mlops.cli;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import io.jenkins.plugins.mlops.core.MlopsArchitecture;
import org.junit.jupiter.api.Test;

/** The product's layers ({@link MlopsArchitecture}) with the CLI on top: commands bind options and call use cases. */
@AnalyzeClasses(packages = "io.jenkins.plugins.mlops", importOptions = MlopsArchitecture.ProductionCode.class)
class CliArchitectureTest {

    @ArchTest
    static final ArchTests layers = ArchTests.in(MlopsArchitecture.class);

    @Test
    void testClassesAreNotPublic() {
        MlopsArchitecture.TEST_CLASSES_ARE_NOT_PUBLIC.check(new ClassFileImporter()
                .withImportOption(new ImportOption.OnlyIncludeTests()).importPackages("io.jenkins.plugins.mlops.cli"));
    }
}

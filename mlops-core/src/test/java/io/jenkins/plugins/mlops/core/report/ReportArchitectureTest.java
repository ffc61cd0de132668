package io.jenkins.plugins.mlops.core.report;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The report is the top of the core: it reads what the other use cases produce (training results, verdicts,
 * registry records, the training history) and nothing reads it back; and it only renders, so it never touches a
 * container.
 */
@AnalyzeClasses(packages = "io.jenkins.plugins.mlops.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ReportArchitectureTest {

    @ArchTest
    static final ArchRule nothingInTheCoreDependsOnTheReport = noClasses()
            .that().resideInAPackage("io.jenkins.plugins.mlops.core..")
            .and().resideOutsideOfPackage("io.jenkins.plugins.mlops.core.report..")
            .should().dependOnClassesThat().resideInAPackage("io.jenkins.plugins.mlops.core.report..")
            .because("the report sits on top of the use cases; a use case that needed it would point upward");

    @ArchTest
    static final ArchRule theReportRunsNoContainer = noClasses()
            .that().resideInAPackage("io.jenkins.plugins.mlops.core.report..")
            .should().dependOnClassesThat().resideInAnyPackage("io.jenkins.plugins.mlops.core.container..",
                    "com.github.dockerjava..")
            .because("rendering reads records; it never needs a Docker Engine");
}

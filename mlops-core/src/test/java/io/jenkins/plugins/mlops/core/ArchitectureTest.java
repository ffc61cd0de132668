package io.jenkins.plugins.mlops.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The engine runs in the CLI and on agents without Jenkins on the class path: it must never depend on Jenkins. */
@AnalyzeClasses(packages = "io.jenkins.plugins.mlops.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreKnowsNothingOfJenkins = noClasses()
            .that().resideInAPackage("io.jenkins.plugins.mlops.core..")
            .should().dependOnClassesThat().resideInAnyPackage("hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke.stapler..")
            .because("mlops-core is the engine shared by the plugin and the CLI; Jenkins types belong in mlops-plugin");
}

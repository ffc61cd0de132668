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

    @ArchTest
    static final ArchRule containerRuntimeKnowsNoUseCase = noClasses()
            .that().resideInAPackage("io.jenkins.plugins.mlops.core.container..")
            .should().dependOnClassesThat().resideInAnyPackage("io.jenkins.plugins.mlops.core.train..",
                    "io.jenkins.plugins.mlops.core.validate..", "io.jenkins.plugins.mlops.core.registry..",
                    "io.jenkins.plugins.mlops.core.deploy..", "io.jenkins.plugins.mlops.core.report..")
            .because("the container runtime serves every workload (training, evaluation, serving); a workload's"
                    + " types belong in its own use case, on top of the runtime");

    @ArchTest
    static final ArchRule trainingAndEvaluationArePeers = noClasses()
            .that().resideInAPackage("io.jenkins.plugins.mlops.core.validate..")
            .should().dependOnClassesThat().resideInAPackage("io.jenkins.plugins.mlops.core.train..")
            .because("the evaluation container is a container job like training, run by the container layer");
}

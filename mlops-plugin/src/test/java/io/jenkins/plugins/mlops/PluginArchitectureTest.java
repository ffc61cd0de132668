package io.jenkins.plugins.mlops;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import hudson.model.Action;
import io.jenkins.plugins.mlops.core.MlopsArchitecture;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.Test;

/**
 * The product's layers ({@link MlopsArchitecture}) with the plugin on top, and the plugin's own rules: one package
 * per step, later steps read earlier steps' records and never the reverse, steps and executions leave Docker to the
 * core, and build actions persist plain values only.
 */
@AnalyzeClasses(packages = "io.jenkins.plugins.mlops", importOptions = MlopsArchitecture.ProductionCode.class)
class PluginArchitectureTest {

    private static final String PLUGIN = "io.jenkins.plugins.mlops";

    @ArchTest
    static final ArchTests layers = ArchTests.in(MlopsArchitecture.class);

    @ArchTest
    static final ArchRule trainingReadsNoLaterStep = noClasses()
            .that().resideInAPackage(PLUGIN + ".train..")
            .should().dependOnClassesThat().resideInAnyPackage(PLUGIN + ".validate..", PLUGIN + ".registry..",
                    PLUGIN + ".deploy..", PLUGIN + ".report..")
            .because("a step reads what earlier steps recorded (TrainingRecords, ValidationRecords), never later ones");

    @ArchTest
    static final ArchRule theGateReadsNoLaterStep = noClasses()
            .that().resideInAPackage(PLUGIN + ".validate..")
            .should().dependOnClassesThat().resideInAnyPackage(PLUGIN + ".registry..", PLUGIN + ".deploy..",
                    PLUGIN + ".report..")
            .because("a step reads what earlier steps recorded, never later ones");

    @ArchTest
    static final ArchRule registrationReadsNoLaterStep = noClasses()
            .that().resideInAPackage(PLUGIN + ".registry..")
            .should().dependOnClassesThat().resideInAnyPackage(PLUGIN + ".deploy..", PLUGIN + ".report..")
            .because("a step reads what earlier steps recorded, never later ones");

    @ArchTest
    static final ArchRule theSharedGlueKnowsNoStep = noClasses()
            .that().resideInAPackage(PLUGIN + ".steps..")
            .should().dependOnClassesThat().resideInAnyPackage(PLUGIN + ".train..", PLUGIN + ".validate..",
                    PLUGIN + ".registry..", PLUGIN + ".deploy..", PLUGIN + ".report..")
            .because("io.jenkins.plugins.mlops.steps holds what every step shares; a step's own code is in its package");

    @ArchTest
    static final ArchRule stepsAndExecutionsLeaveDockerToTheCore = noClasses()
            .that().areAssignableTo(Step.class).or().areAssignableTo(StepExecution.class)
            .should().dependOnClassesThat().resideInAPackage("com.github.dockerjava..")
            .because("a step binds arguments and an execution records results; containers are run by the core, on"
                    + " the agent that holds the workspace");

    @ArchTest
    static final ArchRule actionsPersistPlainValuesOnly = fields()
            .that().areDeclaredInClassesThat().areAssignableTo(Action.class)
            .and().areNotStatic().and().doNotHaveModifier(JavaModifier.TRANSIENT)
            .should().notHaveRawType(resideInAnyPackage("io.jenkins.plugins.mlops.core..", "com.github.dockerjava..",
                    "com.fasterxml.jackson.."))
            .because("build.xml outlives the engine's classes: an action keeps plain values, and an engine value"
                    + " in its documented text form (BuildXmlFixturesTest holds the format)");

    @ArchTest
    static final ArchRule noJenkinsSingleton = noClasses()
            .that().doNotHaveFullyQualifiedName("io.jenkins.plugins.mlops.steps.ControllerHome")
            .should().callMethod("jenkins.model.Jenkins", "get")
            .orShould().callMethod("jenkins.model.Jenkins", "getInstance")
            .orShould().callMethod("jenkins.model.Jenkins", "getInstanceOrNull")
            .because("what a step needs comes from its StepContext; a global lookup makes code untestable without a"
                    + " running Jenkins (warnings-ng hides it behind one facade; ours is ControllerHome, for the"
                    + " registry page's JENKINS_HOME)");

    @Test
    void testClassesAreNotPublic() {
        MlopsArchitecture.TEST_CLASSES_ARE_NOT_PUBLIC.check(new ClassFileImporter()
                .withImportOption(new ImportOption.OnlyIncludeTests()).importPackages(PLUGIN));
    }
}

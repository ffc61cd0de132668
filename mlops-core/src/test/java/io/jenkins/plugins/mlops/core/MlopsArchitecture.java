package io.jenkins.plugins.mlops.core;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.List;

/**
 * The layers of the whole product, as rules every module checks against the classes it sees (mlops-core alone;
 * the plugin with the core; the CLI with the core): {@code ArchTests.in(MlopsArchitecture.class)}. docs/architecture.md
 * draws them.
 *
 * <pre>
 *   Steps          io.jenkins.plugins.mlops.{train,validate,registry,deploy,report,steps}, ...cli
 *     |
 *   Use cases      core.{train,validate,deploy,report}, core.registry (the registration use case and its port)
 *     |                          \
 *   Container runtime            Registry backends
 *   core.container(.job)         core.registry.{embedded,oci}
 *     |                          /
 *   Shared         core (arguments), core.metrics
 * </pre>
 *
 * Nothing points upward; use cases are peers that do not import one another's internals. Packages that do not exist
 * yet (deploy, report) are optional, so the engineers adding them only have to put them where they belong.
 */
public final class MlopsArchitecture {

    static final String CORE = "io.jenkins.plugins.mlops.core";
    /** The use cases, one package each below the core. */
    static final List<String> USE_CASES = List.of("train", "validate", "registry", "deploy", "report");
    private static final String[] RUNTIME = {CORE + ".container.."};
    private static final String[] BACKENDS = {CORE + ".registry.embedded..", CORE + ".registry.oci.."};

    private MlopsArchitecture() {
    }

    /**
     * The product's own classes only: no test classes, of this module or of the core's test jar that the plugin's
     * and the CLI's tests share.
     */
    public static final class ProductionCode implements ImportOption {
        private static final ImportOption NO_TESTS = new ImportOption.DoNotIncludeTests();

        @Override
        public boolean includes(Location location) {
            return NO_TESTS.includes(location) && !location.contains("-tests.jar")
                    && !location.contains("/test-classes/");
        }
    }

    /** JUnit 5 finds package-private test classes; public ones only widen what other packages can reach. */
    public static final ArchRule TEST_CLASSES_ARE_NOT_PUBLIC = noClasses()
            .that().haveSimpleNameEndingWith("Test").or().haveSimpleNameEndingWith("IT")
            .should().bePublic()
            .because("a test is found by its name, not by its visibility (as warnings-ng's rules say)");

    @ArchTest
    public static final ArchRule LAYERS = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("Steps").definedBy(resideInAPackage("io.jenkins.plugins.mlops..")
                    .and(not(resideInAPackage(CORE + "..")))
                    .as("the plugin's and the CLI's packages"))
            .layer("Use cases").definedBy(CORE + ".train..", CORE + ".validate..", CORE + ".deploy..",
                    CORE + ".report..", CORE + ".registry")
            .layer("Container runtime").definedBy(RUNTIME)
            .layer("Registry backends").definedBy(BACKENDS)
            .layer("Shared").definedBy(CORE, CORE + ".metrics..")
            .whereLayer("Steps").mayNotBeAccessedByAnyLayer()
            .whereLayer("Use cases").mayOnlyBeAccessedByLayers("Steps")
            .whereLayer("Container runtime").mayOnlyBeAccessedByLayers("Use cases", "Steps")
            .whereLayer("Registry backends").mayOnlyBeAccessedByLayers("Use cases")
            .whereLayer("Shared").mayOnlyBeAccessedByLayers("Steps", "Use cases", "Container runtime",
                    "Registry backends")
            .ignoreDependency(resideInAnyPackage(BACKENDS), resideInAPackage(CORE + ".registry"))
            .because("steps bind arguments and call one use case; use cases sit on the container runtime and the"
                    + " registry backends; the backends implement the registry's port (ModelRegistry and its value"
                    + " types, in core.registry) and may use those, nothing else above them");

    @ArchTest
    public static final ArchRule CONTAINER_JOBS_ARE_ABOVE_THE_PRIMITIVES = noClasses()
            .that().resideInAPackage(CORE + ".container")
            .should().dependOnClassesThat().resideInAPackage(CORE + ".container.job..")
            .because("the primitives (create, fill, attach, wait, copy, remove) serve every workload; the one-shot"
                    + " job flow is one of them, a long-lived server is another");

    @ArchTest
    public static final ArchRule USE_CASES_ARE_PEERS = noClasses()
            .that().resideInAnyPackage(CORE + ".train..", CORE + ".validate..", CORE + ".deploy..")
            .should(dependOnAnotherOf(List.of("train", "validate", "deploy")))
            .because("training, evaluation and serving are peers on the container layer: what two of them share"
                    + " belongs below them (core.container) or in core.registry, never in one of them");

    @ArchTest
    public static final ArchRule THE_REGISTRY_KNOWS_NO_OTHER_USE_CASE = noClasses()
            .that().resideInAPackage(CORE + ".registry..")
            .should().dependOnClassesThat().resideInAnyPackage(CORE + ".train..", CORE + ".validate..",
                    CORE + ".deploy..", CORE + ".report..")
            .because("validate and deploy read the registry; the registry stores what they hand it");

    @ArchTest
    public static final ArchRule NO_USE_CASE_IMPORTS_ANOTHERS_INTERNALS = classes()
            .should(notDependOnInternalsOfAnotherUseCase())
            .because("a use case's sub-packages (validate.rules, validate.stats, registry.embedded, ...) are its"
                    + " internals; others use its top-level package");

    @ArchTest
    public static final ArchRule CORE_KNOWS_NOTHING_OF_JENKINS = noClasses()
            .that().resideInAPackage(CORE + "..")
            .should().dependOnClassesThat().resideInAnyPackage("hudson..", "jenkins..", "org.jenkinsci..",
                    "org.kohsuke.stapler..")
            .because("mlops-core is the engine shared by the plugin and the CLI; Jenkins types belong in mlops-plugin");

    @ArchTest
    public static final ArchRule CORE_KNOWS_NO_COMMAND_LINE = noClasses()
            .that().resideInAPackage(CORE + "..")
            .should().dependOnClassesThat().resideInAPackage("picocli..")
            .because("the CLI binds options with picocli; the core takes values");

    @ArchTest
    public static final ArchRule CORE_WRITES_NO_CONSOLE = noClasses()
            .that().resideInAPackage(CORE + "..")
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("the core reports through LogSink and exceptions; a step's System.out is the controller's log,"
                    + " not the build's");

    @ArchTest
    public static final ArchRule NO_JAVA_UTIL_LOGGING = noClasses()
            .that().resideInAPackage("io.jenkins.plugins.mlops..")
            .should(GeneralCodingRules.USE_JAVA_UTIL_LOGGING)
            .because("what a user must see goes to the build log or the console; the rest is not logged behind"
                    + " their back");

    @ArchTest
    public static final ArchRule NO_GENERIC_EXCEPTIONS = noClasses()
            .that().resideInAPackage("io.jenkins.plugins.mlops..")
            .should(GeneralCodingRules.THROW_GENERIC_EXCEPTIONS)
            .because("callers tell failures apart by type (MlopsArgumentException, ContainerException,"
                    + " RegistryException) and users by message");

    /** Depending on a class of one of {@code peers} other than the origin's own use case. */
    private static ArchCondition<JavaClass> dependOnAnotherOf(List<String> peers) {
        return new ArchCondition<>("depend on another of " + peers) {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String own = useCaseOf(origin.getPackageName());
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                    String target = useCaseOf(d.getTargetClass().getPackageName());
                    if (target != null && peers.contains(target) && !target.equals(own)) {
                        events.add(SimpleConditionEvent.satisfied(origin, d.getDescription()));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaClass> notDependOnInternalsOfAnotherUseCase() {
        return new ArchCondition<>("not depend on another use case's internals") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                    String target = d.getTargetClass().getPackageName();
                    String owner = useCaseOf(target);
                    boolean internal = owner != null && !target.equals(CORE + "." + owner);
                    if (internal && !origin.getPackageName().startsWith(CORE + "." + owner)) {
                        events.add(SimpleConditionEvent.violated(origin, d.getDescription()));
                    }
                }
            }
        };
    }

    /** {@code validate} for {@code ...core.validate.rules}; null outside the use cases. */
    static String useCaseOf(String packageName) {
        for (String useCase : USE_CASES) {
            String root = CORE + "." + useCase;
            if (packageName.equals(root) || packageName.startsWith(root + ".")) {
                return useCase;
            }
        }
        return null;
    }
}

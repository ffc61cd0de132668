package io.jenkins.plugins.mlops;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.deploy.MlDeployStep;
import io.jenkins.plugins.mlops.registry.MlRegisterStep;
import io.jenkins.plugins.mlops.steps.PipelineArguments;
import io.jenkins.plugins.mlops.testing.DataBinding;
import io.jenkins.plugins.mlops.train.MlTrainStep;
import io.jenkins.plugins.mlops.validate.MlValidateStep;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.builder.AstBuilder;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.ListExpression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.stmt.BlockStatement;
import org.codehaus.groovy.control.CompilePhase;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.junit.jupiter.api.Test;

/**
 * The repository's own Jenkinsfile is the example users copy, and no Jenkins runs it here: every {@code ml*} call in it
 * is read with Groovy's parser and bound through the step's descriptor as Pipeline binds it, so a misspelt or
 * malformed argument (which Pipeline would only warn about, or refuse when the build reaches that stage) fails this
 * test instead. Values the Jenkinsfile computes at run time ({@code run.metrics}, {@code "${run.outputDir}/..."})
 * stand in as values of the shape those expressions have.
 */
class JenkinsfileArgumentsTest {

    private static final Map<String, Class<? extends Step>> STEPS = Map.of("mlTrain", MlTrainStep.class,
            "mlValidate", MlValidateStep.class, "mlRegister", MlRegisterStep.class, "mlDeploy", MlDeployStep.class);

    @Test
    void everyStepCallOfTheJenkinsfileBindsWithKnownArgumentsThatPassTheStepsChecks() throws Exception {
        List<Call> calls = calls(Files.readString(jenkinsfile()));
        assertThat(calls).extracting(Call::step).contains("mlTrain", "mlValidate", "mlRegister", "mlDeploy");
        for (Call call : calls) {
            Class<? extends Step> type = STEPS.get(call.step());
            assertThat(PipelineArguments.argumentNames(type)).as(call + ": argument names")
                    .containsAll(call.arguments().keySet());
            Step step = DataBinding.instantiate(type, call.arguments());
            check(step, call);
        }
    }

    /** The step's own check of its arguments, as its {@code start} runs it (before anything runs). */
    private static void check(Step step, Call call) throws Exception {
        try {
            if (step instanceof MlTrainStep) {
                invoke(step, "toSpec", new Class<?>[] {String.class, String.class, String.class}, "/ws", "/ws/out", "1-a");
            } else if (step instanceof MlValidateStep) {
                invoke(step, "toSpec", new Class<?>[0]);
            } else if (step instanceof MlRegisterStep) {
                invoke(step, "toPlan", new Class<?>[0]);
            } else {
                invoke(step, "toSpec", new Class<?>[] {String.class, String.class}, "/ws", "ci #1");
            }
        } catch (InvocationTargetException e) {
            throw new AssertionError(call + " does not pass " + call.step() + "'s checks: " + e.getCause(), e.getCause());
        }
    }

    private static void invoke(Object target, String name, Class<?>[] types, Object... args) throws Exception {
        Method m = target.getClass().getDeclaredMethod(name, types);
        m.setAccessible(true);
        m.invoke(target, args);
    }

    private record Call(String step, Map<String, Object> arguments, int line) {
        @Override
        public String toString() {
            return step + " at Jenkinsfile line " + line;
        }
    }

    private static List<Call> calls(String script) {
        List<Call> calls = new ArrayList<>();
        for (ASTNode node : new AstBuilder().buildFromString(CompilePhase.CONVERSION, false, script)) {
            if (node instanceof BlockStatement block) {
                block.visit(new CodeVisitorSupport() {
                    @Override
                    public void visitMethodCallExpression(MethodCallExpression call) {
                        String name = call.getMethodAsString();
                        if (STEPS.containsKey(name) && call.getArguments() instanceof TupleExpression args
                                && !args.getExpressions().isEmpty() && args.getExpression(0) instanceof MapExpression map) {
                            calls.add(new Call(name, arguments(map), call.getLineNumber()));
                        }
                        super.visitMethodCallExpression(call);
                    }
                });
            }
        }
        return calls;
    }

    private static Map<String, Object> arguments(MapExpression map) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (MapEntryExpression e : map.getMapEntryExpressions()) {
            String name = e.getKeyExpression().getText();
            out.put(name, value(name, e.getValueExpression()));
        }
        return out;
    }

    /** A literal as Pipeline gets it; a run-time expression as a value of the shape it has. */
    private static Object value(String name, Expression e) {
        if (e instanceof ConstantExpression c) {
            return c.getValue();
        }
        if (e instanceof ListExpression list) {
            List<Object> out = new ArrayList<>();
            list.getExpressions().forEach(x -> out.add(value(name, x)));
            return out;
        }
        if (e instanceof MapExpression m) {
            return arguments(m);
        }
        return switch (name) {
            case "metrics" -> Map.of("rmse", 0.81, "mae", 0.64);
            case "aliases" -> List.of("candidate");
            default -> ".mlops/runs/1-a/" + name;
        };
    }

    private static Path jenkinsfile() {
        Path module = Path.of("").toAbsolutePath();
        Path file = module.resolveSibling("Jenkinsfile");
        assertThat(file).as("the repository's Jenkinsfile, beside the module").exists();
        return file;
    }
}
